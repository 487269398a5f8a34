/**
 * What a data owner's client may do to a video upload at a moment: open it, send a chunk, complete
 * it, or cancel it. An upload belongs to the client that opened it and nobody else: another owner's
 * upload, and another client's of the same owner (a second system of the owner, or a stolen
 * credential of a less trusted one), is answered exactly like a missing one for every step, so that
 * nobody but its opener can replace its chunks, complete it under the opener's name in the log, or
 * learn that it exists. Pure: the caller passes the upload as stored, the caller's identity and
 * scope and `now`; the services carry the decision out.
 *
 * The states: `open` (being filled, until its expiry), `complete` (the stored video), `replaced`
 * (completed, then replaced by a newer upload of the same reference: kept a grace period for plays
 * under way, then swept), `dropped` (taken by the sweeper) and `cancelled` (by the client that opened
 * it: its chunks are deleted at once, its row kept until its expiry so that a late chunk or completion
 * gets a clear answer and a repeated cancel the same one).
 */

/** The states of an upload. */
export type VideoUploadState = 'open' | 'complete' | 'replaced' | 'dropped' | 'cancelled';

/** A step a client asks of an upload it opened (opening one is `videoUploadOpening`). */
export type VideoUploadStep = 'send' | 'complete' | 'cancel';

/** What the rule needs of an upload as stored. */
export interface VideoUploadFacts {
  readonly owner: string;
  /** The data owner's client that opened it. */
  readonly clientId: string;
  /** The record type of the record naming the video: what the upload is an ingest of. */
  readonly recordType: string;
  readonly state: VideoUploadState;
  /** Unix seconds: an `open` upload is refused from then on and swept. */
  readonly expiresAt: number;
}

/** Who asks: the token's agency and client, and the record types its ingest token carries now. */
export interface VideoUploadCaller {
  readonly owner: string;
  readonly clientId: string;
  readonly recordTypes: readonly string[];
}

/** Why a step is refused (the problem's stable code). */
export type VideoUploadRefusal = 'not_found' | 'insufficient_scope' | 'upload_complete' | 'upload_expired' | 'upload_cancelled';

/**
 * The decision: `proceed` with the step; `cancelled` (a cancel of an upload already cancelled by the
 * same client: answered as the first, finishing its deletion if it was cut short); or `refuse`.
 */
export type VideoUploadDecision =
  | { readonly kind: 'proceed' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'refuse'; readonly code: VideoUploadRefusal };

const refuse = (code: VideoUploadRefusal): VideoUploadDecision => ({ kind: 'refuse', code });

/** The caller's ingest token carries `recordType`: opening, every chunk and the completion are steps of an ingest of that type. */
const carries = (caller: VideoUploadCaller, recordType: string): boolean => caller.recordTypes.includes(recordType);

/**
 * Decides opening an upload of a video named by a record of `recordType`: `proceed` when the
 * caller's ingest token carries that type, else `insufficient_scope` (nothing is stored). The
 * record's own checks (it exists, is the caller's owner's, names the reference as a video) follow
 * in the service, as for any ingest.
 *
 * @example videoUploadOpening({ owner: 'police', clientId: 'c1', recordTypes: ['person'] }, 'case') // { kind: 'refuse', code: 'insufficient_scope' }
 */
export function videoUploadOpening(caller: VideoUploadCaller, recordType: string): VideoUploadDecision {
  return carries(caller, recordType) ? { kind: 'proceed' } : refuse('insufficient_scope');
}

/**
 * Decides `step` on `upload` (null: no such upload) for `caller` at `now`.
 *
 * - Missing, another owner's, or opened by another client (even of the same owner, whatever its
 *   scope): `not_found`, the same answer for every step and state, before anything else is looked at.
 * - A chunk or a completion by a token that no longer carries the upload's record type (a token
 *   issued later with narrower scopes, the type taken from the client): `insufficient_scope`. Every
 *   chunk and the completion are steps of an ingest of that type, and the completion makes the video
 *   disclosable, so each needs the scope the upload was opened with, as opening it did.
 * - A cancel by the client that opened the upload is not scope-checked: it only removes what that
 *   client sent (counts logged, nothing disclosed, nothing made disclosable), and refusing it would
 *   keep the sealed chunks (faces, plates) stored until the upload's expiry for no one's benefit.
 * - `complete` or `replaced`: `upload_complete` (a stored video is replaced by a new upload, never
 *   cancelled; a replaced one was completed all the same and is swept after its grace).
 * - `cancelled`: a cancel again is `cancelled` (idempotent); a chunk or a completion `upload_cancelled`.
 * - `dropped`, or `open` past its expiry: `upload_expired`, except that a cancel of an `open` upload
 *   past its expiry proceeds (its chunks go at once instead of at the next sweep).
 *
 * @example videoUploadStep({ owner: 'police', clientId: 'c1', recordType: 'case', state: 'open', expiresAt: 100 }, { owner: 'police', clientId: 'c2', recordTypes: ['case'] }, 'send', 50) // { kind: 'refuse', code: 'not_found' }
 * @example videoUploadStep({ owner: 'police', clientId: 'c1', recordType: 'case', state: 'open', expiresAt: 100 }, { owner: 'police', clientId: 'c1', recordTypes: ['person'] }, 'send', 50) // { kind: 'refuse', code: 'insufficient_scope' }
 */
export function videoUploadStep(upload: VideoUploadFacts | null, caller: VideoUploadCaller, step: VideoUploadStep, now: number): VideoUploadDecision {
  if (upload === null || upload.owner !== caller.owner || upload.clientId !== caller.clientId) return refuse('not_found');
  if (step !== 'cancel' && !carries(caller, upload.recordType)) return refuse('insufficient_scope');
  switch (upload.state) {
    case 'complete':
    case 'replaced':
      return refuse('upload_complete');
    case 'cancelled':
      return step === 'cancel' ? { kind: 'cancelled' } : refuse('upload_cancelled');
    case 'dropped':
      return refuse('upload_expired');
    case 'open':
      return upload.expiresAt <= now && step !== 'cancel' ? refuse('upload_expired') : { kind: 'proceed' };
  }
}
