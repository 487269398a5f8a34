/**
 * A privacy officer audits a photo's redaction: the protected rendition partners and officers
 * receive in place of the people in it, the faces the detector found (boxes, scores, the detector
 * and its version), and the data owner's regions and face removals with their reasons, who set them
 * and when. The original only beside them, and only to the officer whose request to audit it two
 * leadership officers approved, while that approval is in force (policy: `decideRedactionAudit`,
 * `originalReleasedTo`). Opening it is itself recorded, as an administrative event carried into the
 * log (with the approval and its reason when the original is opened), before anything is returned.
 */
import { envelopeKeyVersion } from '@need2know/crypto';
import { decideRedactionAudit, originalAuditState, originalReleasedTo, type AuditRequest, type ProtectedRendition, type RegionEdit } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { MediaItem, Stores } from '../../store/ports/index.js';
import { subjectHashes } from '../access/subjects.js';
import { keyRing, keyRingOpening } from '../keys/key-ring.js';
import type { DetectionManifest, FaceBox } from './detect/manifest.js';
import { isStorableRef } from './ingest-media.js';
import type { MediaType } from './limits.js';
import { DETECTION_CONTENT_TYPE, openMedia, type StoredRendition } from './seal-media.js';
import { keysOf, type MediaSettings } from './settings.js';

/** The administrative action an audit is recorded under. */
export const REDACTION_AUDIT_ACTION = 'media.redaction_audit';

/** One audit as the route parsed it: who asks, the owner and reference they name, and what they ask to see. */
export interface RedactionAuditRequest {
  readonly actor: string;
  readonly owner: string;
  readonly ref: string;
  readonly rendition: AuditRequest;
  readonly now: number;
}

/** A face the detector found, numbered as region edits name it, and whether (and why) the owner took it away. */
export interface AuditedFace extends FaceBox {
  readonly face: number;
  readonly removed: { readonly reason: string; readonly note: string | null } | null;
}

/** The data owner's last region edit, as sealed beside the photo. */
export interface AuditedRegions {
  readonly setBy: string;
  readonly setAt: number;
  readonly regions: readonly {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly reason: string;
    readonly note: string | null;
  }[];
}

/** What the officer is shown. */
export interface RedactionAudit {
  readonly item: MediaItem;
  /** The rendition shown, its type and bytes (a protected rendition, never the original). */
  readonly shown: { readonly rendition: ProtectedRendition; readonly contentType: MediaType; readonly bytes: Uint8Array };
  /** The original beside it, only under an approval in force for this officer and photo: its bytes, the approval and when it lapses. */
  readonly original: { readonly contentType: MediaType; readonly bytes: Uint8Array; readonly approval: string; readonly until: number } | null;
  /** The detection run at upload; null for a photo never examined (not flagged then). */
  readonly detection: (Omit<DetectionManifest, 'faces'> & { readonly faces: readonly AuditedFace[] }) | null;
  /** The owner's regions; null when none were ever set. */
  readonly regions: AuditedRegions | null;
  /** The audit's event in the administrative chain. */
  readonly eventSeq: number;
}

/** What an audit reads and records: the media store, the key state, the approvals to audit originals, and the administrative chain. */
export type RedactionAuditStores = Pick<Stores, 'media' | 'keyState' | 'changes' | 'originalAudits'>;

/** The regions chunk as `regionsDocument` seals it. */
interface RegionsDocument {
  readonly regions: RegionEdit['regions'];
  readonly removed_faces: RegionEdit['removedFaces'];
  readonly at: number;
  readonly by: string;
}

async function open(
  stores: RedactionAuditStores,
  settings: MediaSettings,
  item: MediaItem,
  rendition: StoredRendition,
  contentType: string,
): Promise<Uint8Array> {
  const chunks = await stores.media.chunks(item, rendition);
  const ring = await keyRingOpening(keysOf(stores, settings), [item.keyVersion, ...chunks.map(envelopeKeyVersion)]);
  return openMedia(ring, { owner: item.owner, ref: item.ref, rendition, contentType: contentType as MediaType }, chunks);
}

const json = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;

/**
 * Audits the redaction of `req.owner`'s photo `req.ref`. Refusals change nothing and record nothing:
 * 404 `not_found` when there is no such photo or it is another owner's (the same answer), 403
 * `leadership_approval_required` for the original without an approval in force for this officer and
 * this photo, 409 `rendition_not_stored` for a rendition the photo does not have (a redacted one
 * where no face was vouched for).
 */
export async function auditRedaction(stores: RedactionAuditStores, settings: MediaSettings, req: RedactionAuditRequest): Promise<RedactionAudit> {
  if (!isStorableRef(req.ref)) throw new Problem(404, 'not_found');
  const item = await stores.media.item(req.ref);
  if (item === null || item.owner !== req.owner) throw new Problem(404, 'not_found');
  const approval =
    req.rendition === 'original'
      ? originalReleasedTo(await stores.originalAudits.originalAuditsFor(item.owner, item.ref, req.actor), req.actor, item.owner, item.ref, req.now)
      : null;
  const decision = decideRedactionAudit(req.rendition, {
    protectedRendition: item.protectedRendition,
    hasRedacted: item.redacted !== null,
    hasBlurred: item.blurred !== null,
    originalApproved: approval !== null,
  });
  if (!decision.ok) {
    throw decision.code === 'leadership_approval_required'
      ? new Problem(
          403,
          'leadership_approval_required',
          'The original is shown only to the officer whose request to audit it two leadership officers approved, while that approval is in force.',
        )
      : new Problem(409, 'rendition_not_stored', 'This photo has no such rendition: it goes out as its protected rendition only.');
  }
  const opening = decision.original && approval !== null ? approval : null;
  const stored = decision.rendition === 'redacted' ? item.redacted : item.blurred;
  if (stored === null) throw new Problem(409, 'rendition_not_stored');

  const [bytes, manifest, document, original] = await Promise.all([
    open(stores, settings, item, decision.rendition, stored.contentType),
    item.protectedRendition === null ? null : open(stores, settings, item, 'detection', DETECTION_CONTENT_TYPE).then((b) => json<DetectionManifest>(b)),
    item.regions === 0 ? null : open(stores, settings, item, 'regions', DETECTION_CONTENT_TYPE).then((b) => json<RegionsDocument>(b)),
    opening === null ? null : open(stores, settings, item, 'original', item.contentType),
  ]);
  const removals = document?.removed_faces ?? [];
  const detection =
    manifest === null
      ? null
      : {
          ...manifest,
          faces: manifest.faces.map((f, face) => {
            const removal = removals.find((r) => r.face === face);
            return { ...f, face, removed: removal === undefined ? null : { reason: removal.reason, note: removal.note ?? null } };
          }),
        };
  const regions =
    document === null
      ? null
      : {
          setBy: document.by,
          setAt: document.at,
          regions: document.regions.map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height, reason: r.reason, note: r.note ?? null })),
        };

  // Recorded before anything is shown: who audited which record's photo (a keyed hash), what they saw
  // and, when the original was opened, under which approval and for what reason.
  const ring = await keyRing(keysOf(stores, settings));
  const logged = await stores.changes.commit([], {
    at: req.now,
    actor: req.actor,
    action: REDACTION_AUDIT_ACTION,
    targetType: 'media',
    targetId: subjectHashes(ring, [`${item.recordType}:${item.recordId}`])[0] ?? 'unknown',
    detail: {
      owner: item.owner,
      field: item.field,
      rendition: decision.rendition,
      faces: manifest?.faces.length ?? 0,
      regions: item.regions,
      ...(opening === null ? {} : { original: true, approval: opening.id, reason: opening.reason }),
    },
  });
  if (!logged.ok) throw new Problem(409, 'conflict', 'The audit could not be recorded; try again.');
  return {
    item,
    shown: { rendition: decision.rendition, contentType: stored.contentType, bytes },
    original:
      opening === null || original === null
        ? null
        : { contentType: item.contentType, bytes: original, approval: opening.id, until: originalAuditState(opening, req.now).until ?? req.now },
    detection,
    regions,
    eventSeq: logged.event.seq,
  };
}
