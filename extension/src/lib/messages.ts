import type { MediaSize } from '@need2know/client';
import { BLOCKED_ACTIONS, type BlockedAction, RECORD_ID_PATTERN, VIEW_ID_PATTERN } from '@need2know/schema';
import { z } from 'zod';
import { SEARCH_NAMES, type SessionAllows } from './search-options.js';
import { Stated } from './stated-reason.js';

/**
 * The messages the viewer's pages (popup, viewer tab) send to the background service worker, which
 * alone holds the officer's keys and talks to the gateway. Every message is parsed with these
 * schemas on arrival; anything else is refused.
 */

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);
const GrantId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);
const RecordType = z.enum(['person', 'case', 'health_case', 'officer_discipline']);
const RecordId = z.string().regex(RECORD_ID_PATTERN);
const ViewId = z.string().regex(VIEW_ID_PATTERN);
const Under = { grant: GrantId, purpose: Slug };

export { BLOCKED_ACTIONS, type BlockedAction };

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }).strict(),
  z.object({ type: z.literal('enrol'), code: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('grants') }).strict(),
  z.object({ type: z.literal('session'), ...Under }).strict(),
  z
    .object({
      type: z.literal('search'),
      ...Under,
      record_type: RecordType,
      search: z.enum(SEARCH_NAMES),
      terms: z.record(z.string().max(64), z.string().max(200)),
      // What the officer stated for this search (sent as N2K-Reference / N2K-Reason), when the purpose asks.
      stated: Stated.optional(),
    })
    .strict(),
  z.object({ type: z.literal('fetch'), ...Under, record_type: RecordType, id: RecordId, stated: Stated.optional() }).strict(),
  z
    .object({
      type: z.literal('open'),
      ...Under,
      disclosure_id: z.string().uuid(),
      epoch: z.number().int().min(0),
      sealed_payload: z.string().max(4_000_000),
    })
    .strict(),
  z
    .object({
      type: z.literal('report'),
      ...Under,
      view_id: ViewId,
      counts: z.partialRecord(z.enum(BLOCKED_ACTIONS), z.number().int().min(1).max(100_000)),
    })
    .strict(),
  // The window left the front / is back: a quick return is the same view (the gateway decides).
  z.object({ type: z.literal('hidden'), ...Under, view_id: ViewId }).strict(),
  z.object({ type: z.literal('return'), ...Under, view_id: ViewId, disclosure_id: z.string().uuid() }).strict(),
  // A field the purpose lets be copied was copied: logged by the gateway.
  z.object({ type: z.literal('copy'), ...Under, view_id: ViewId, field: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) }).strict(),
  z
    .object({ type: z.literal('reveal'), ...Under, view_id: ViewId, media_ref: z.string().min(1).max(256), reason: z.string().trim().min(10).max(500) })
    .strict(),
  // A photo of the record on screen: sent with what the officer stated when opening it.
  z.object({ type: z.literal('media'), ...Under, ref: z.string().min(1).max(256), stated: Stated.optional() }).strict(),
  // A video of the record on screen: each play is a logged disclosure and a logged view.
  z.object({ type: z.literal('video'), ...Under, ref: z.string().min(1).max(256), stated: Stated.optional() }).strict(),
  // The next chunk of a play the background started (its key stays in the background).
  z.object({ type: z.literal('video_chunk'), ...Under, play: z.string().regex(/^[0-9a-f]{32}$/), n: z.number().int().min(0).max(999_999) }).strict(),
]);
export type Request = z.infer<typeof Request>;

/** A refusal as the pages show it: a stable code (from the gateway's problem documents) and words. */
export interface Failure {
  readonly code: string;
  readonly message: string;
  readonly status?: number;
}

export type Reply<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: Failure };

/** Who the viewer is enrolled as. */
export interface OfficerProfile {
  readonly officer_id: string;
  readonly name: string;
  readonly agency_id: string;
  readonly agency_name: string;
  readonly agency_name_km: string | null;
  readonly issuer: string;
}

/** One grant as the popup shows it. */
export interface OfficerGrant {
  readonly grant: string;
  readonly purpose: string;
  readonly purpose_title: string;
  /** The purpose's title in Khmer; null where it has none (the English title is shown). */
  readonly purpose_title_km: string | null;
  readonly legal_basis: string;
  readonly state: 'live' | 'not_started' | 'suspended' | 'ended' | 'revoked';
  readonly not_before: string;
  readonly not_after: string;
  readonly data_life_seconds: number;
  readonly record_types: readonly string[];
  readonly actions: readonly string[];
  readonly may_reveal_media: boolean;
  /** Each search or opened record must state a reference and a reason (the viewer asks the officer). */
  readonly reason_required: boolean;
}

/** What the viewer holds after a fetch or search: sealed under the grant's viewer key until a view opens it. */
export interface HeldPayload {
  /** The delivery's id (its log entry); a view names it. */
  readonly disclosure_id: string;
  readonly record_type: string;
  readonly epoch: number;
  readonly destroy_at: number;
  readonly window_ends: number;
  readonly sealed_payload: string;
  readonly disclosure: Readonly<Record<string, string>>;
}

/** An opened view: what may be on screen now, and the id that marks it. */
export interface OpenedView {
  readonly view_id: string;
  readonly at: number;
  readonly destroy_at: number;
  readonly records: readonly Record<string, unknown>[];
  /** Where the time went (ms): the gateway's view call, and unsealing the key and the payload. */
  readonly timing: { readonly gateway_ms: number; readonly decrypt_ms: number };
}

/** The answers, by request type. */
export interface Replies {
  status: { enrolled: false } | { enrolled: true; officer: OfficerProfile };
  enrol: OfficerProfile;
  grants: { officer: OfficerProfile; server_time: string; grants: readonly OfficerGrant[] };
  /** What the grant's purpose allows now: actions, and each field's disclosure mode by record type. */
  session: SessionAllows;
  search: HeldPayload;
  fetch: HeldPayload;
  open: OpenedView;
  report: { log_index: number };
  hidden: { hidden_since: number };
  /** The return is the same view; its hidden interval is on the log. */
  return: { log_index: number; view_id: string; hidden_from: number; hidden_to: number };
  copy: { log_index: number };
  /**
   * The reveal is on the log; `data_url` is the original, which the gateway sends only then (`scaled`:
   * too large to send whole, so its copy at the working size, of that many pixels; null otherwise).
   */
  reveal: { reveal_id: string; log_index: number; data_url: string; scaled: MediaSize | null };
  /**
   * `blurred`: the gateway blurred the whole frame; `redacted`: it hid the faces and marked regions, the
   * rest is as taken; `scaled`: an original too large to send whole came as its copy at the working size.
   */
  media: { data_url: string; blurred: boolean; redacted: boolean; scaled: MediaSize | null };
  /** A play started (logged): what to play, and until when (the earliest of the play's end, the viewer key's and the window's). */
  video: VideoPlayStarted;
  /** One chunk of a play, opened by the background: base64 of its bytes. */
  video_chunk: { data: string };
}

/** A play of a video, as the page needs it: never its key. */
export interface VideoPlayStarted {
  readonly play: string;
  readonly view_id: string;
  readonly rendition: 'original' | 'redacted' | 'blurred';
  readonly mime: string;
  readonly chunks: number;
  readonly width: number;
  readonly height: number;
  /** Unix seconds after which the page stops playback and drops what it holds. */
  readonly ends_at: number;
}

/** The pages that may talk to the background, by path inside the extension. */
export const TRUSTED_PAGES = ['/popup.html', '/tabs/viewer.html'] as const;

/**
 * Whether a message comes from one of this extension's own pages: same extension id, and a URL
 * inside the extension naming a trusted page. Content scripts, other extensions and web pages fail.
 */
export function isTrustedSender(sender: { id?: string | undefined; url?: string | undefined; origin?: string | undefined }, extensionId: string): boolean {
  if (sender.id !== extensionId || sender.url === undefined) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  return url.protocol === 'chrome-extension:' && url.host === extensionId && (TRUSTED_PAGES as readonly string[]).includes(url.pathname);
}
