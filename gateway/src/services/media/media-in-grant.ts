/**
 * The one path that decides what a media request may see, for photos and videos alike: the stored
 * item, inside the grant (the record type, the case-specific record list, the field granted in a
 * media mode), inside the grant's row scope, not a sensitive case the grant may not see, named by
 * the current version of its record, in the rendition the purpose's mode gives. Each rule is the
 * policy package's (`disclosureFor`, `inGrantRecords`, `recordInScope`, `hiddenFor`, `carriesMark`,
 * `refFlagged`, `renditionToRelease`); this module only asks them, in one order, so that a rule
 * changed for photos cannot be forgotten for videos. Every way of getting nothing looks the same to
 * the caller (null); the reason goes to the gateway's log.
 */
import type { ClientKind, GrantedRecordAccess, Grant, MediaFacts, Purpose, ReleasedRendition } from '@need2know/policy';
import { carriesMark, civilDate, hiddenFor, isMediaMode, parseRequestedRef, renditionToRelease } from '@need2know/policy';
import { recordType } from '@need2know/schema';
import type { Stores } from '../../store/ports/index.js';
import { fieldsForDisclosure } from '../access/open-fields.js';
import { disclosureFor, inGrantRecords } from '../access/scope.js';
import { subjectIds } from '../access/subjects.js';
import { keyRing } from '../keys/key-ring.js';
import { readRecords } from '../records/read.js';
import { recordInScope, rowScopeOf } from '../records/row-scope.js';
import { isStorableRef } from './ingest-media.js';
import { refFlagged } from './release.js';
import { keysOf, recordReader, type MediaSettings } from './settings.js';

/** Who is asking: the verified token's grant and purpose, and the receiving agency. */
export interface MediaRequester {
  readonly granted: GrantedRecordAccess;
  readonly purpose: Purpose;
  readonly grant: Grant;
  readonly agencyId: string;
  /** Officers get protected originals only by a logged reveal (see `protectedOriginalAccess`). */
  readonly clientKind: ClientKind;
}

/** Where a stored photo or video belongs: its owner, and the record and field that name it. */
export interface StoredMediaPlace {
  readonly owner: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly field: string;
}

/** What the caller knows of its kind of media: how to find an item and how it is protected. */
export interface MediaKind<Item extends StoredMediaPlace, Facts extends { readonly protectedRendition: MediaFacts['protectedRendition'] }> {
  /** How the kind is named in the gateway's log ("media", "video"). */
  readonly name: string;
  /** The stored item a reference names, or null. */
  item(ref: string): Promise<Item | null>;
  /**
   * The item's protection (the rendition decided at ingest), with whatever else the caller reads to
   * know it (a video's manifest). Asked only once the item is inside the grant.
   */
  facts(item: Item): Promise<Facts>;
}

/** The decision for one request: the item, its rendition, and whom it is about. */
export interface MediaInGrant<Item, Facts> {
  readonly item: Item;
  readonly rendition: ReleasedRendition;
  readonly facts: Facts;
  /** Ids of the persons the record is about (for limits and the log). */
  readonly subjectIds: readonly string[];
}

/** What deciding reads: the record naming the item and the key state (the item's own store is the caller's). */
export type MediaScopeStores = Pick<Stores, 'records' | 'keyState'>;

/**
 * The rendition of the item `requested` names (a reference, or one ending in `#redacted` or
 * `#blurred`) that `who` may receive at `now`, or null: a malformed reference, no such item, a record
 * type or field the grant does not disclose in a media mode (or discloses in `none`), a record
 * outside the case-specific list or the row scope, a sensitive case the grant may not see, a record
 * gone or of another owner, a reference the current record no longer names, or a mode that releases
 * nothing. `originals` is whether the original of flagged media may be in the answer
 * (`protectedOriginalAccess`, asked by the caller).
 *
 * Scope is checked from the item's row first, so an item outside the grant costs what a missing one
 * costs; the record is opened as for `clear` whatever the mode, because its flags decide what is protected.
 *
 * @example
 * const found = await mediaInGrant(stores, settings, who, 'media/case/c-1/1.mp4#blurred', now, false, videoKind);
 * // found?.rendition === 'blurred'
 */
export async function mediaInGrant<Item extends StoredMediaPlace, Facts extends { readonly protectedRendition: MediaFacts['protectedRendition'] }>(
  stores: MediaScopeStores,
  settings: MediaSettings,
  who: MediaRequester,
  requested: string,
  now: number,
  originals: boolean,
  kind: MediaKind<Item, Facts>,
): Promise<MediaInGrant<Item, Facts> | null> {
  const nothing = (reason: string): null => {
    console.warn(`${kind.name} not released: ${reason}`);
    return null;
  };
  const ask = parseRequestedRef(requested);
  if (!isStorableRef(ask.ref)) return nothing('malformed reference');
  const item = await kind.item(ask.ref);
  if (item === null) return nothing(`no such ${kind.name}`);
  // Scope first, from the item's row alone: an item outside the grant costs what a missing one costs.
  const modes = disclosureFor(who.granted, who.purpose, item.recordType);
  const mode = modes === null ? undefined : modes[item.field];
  if (!isMediaMode(mode) || mode === 'none' || !inGrantRecords(who.granted, item.recordId)) return nothing('outside the grant');
  const def = recordType(item.recordType);
  if (def === undefined) return nothing('unknown record type');
  // A record outside the grant's row scope: its media are as missing as the record itself.
  if (!(await recordInScope(recordReader(stores, settings), def, item.recordId, rowScopeOf(who)))) return nothing('outside the row scope');

  // A sensitive case the grant may not see: its media are as missing as the case itself.
  const hidden = hiddenFor(def.name, who.grant);
  // Opened as for `clear` whatever the mode: the flags (and a photo's birth date) decide what is protected.
  const [record] = await readRecords(
    recordReader(stores, settings),
    def.name,
    [item.recordId],
    [...fieldsForDisclosure(def, { [item.field]: 'clear' }), ...(hidden === null ? [] : [hidden.field])],
  );
  if (record === undefined || record.owner !== item.owner) return nothing('record gone or of another owner');
  if (carriesMark(def.name, record.fields, hidden)) return nothing('a sensitive case the grant may not see');
  const fields = { id: record.id, ...record.fields };
  const ring = await keyRing(keysOf(stores, settings));
  const flagged = refFlagged(def, item.field, fields, ask.ref, { ring, agency: who.agencyId, today: civilDate(now, settings.timeZone), mediaUnblurred: false });
  if (flagged === null) return nothing('the record no longer names this reference');
  const facts = await kind.facts(item);
  const rendition = renditionToRelease(mode, ask.asked, { flagged, originalsApproved: originals, protectedRendition: facts.protectedRendition });
  if (rendition === null) return nothing('the mode releases nothing');
  return { item, rendition, facts, subjectIds: subjectIds(def.name, fields) };
}
