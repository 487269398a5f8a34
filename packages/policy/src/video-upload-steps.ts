/**
 * What a data owner's client may do to a video upload at a moment: send a chunk, complete it, or
 * cancel it. An upload is named to its owner and nobody else, so another owner's (or, for a cancel,
 * another client's) upload is answered exactly like a missing one. Pure: the caller passes the
 * upload as stored, the caller's identity and `now`; the services carry the decision out.
 *
 * The states: `open` (being filled, until its expiry), `complete` (the stored video, or one it
 * replaced), `dropped` (taken by the sweeper, or replaced after completion) and `cancelled` (by the
 * client that opened it: its chunks are deleted at once, its row kept until its expiry so that a late
 * chunk or completion gets a clear answer and a repeated cancel the same one).
 */

/** The states of an upload. */
export type VideoUploadState = 'open' | 'complete' | 'dropped' | 'cancelled';

/** A step a client asks of an upload. */
export type VideoUploadStep = 'send' | 'complete' | 'cancel';

/** What the rule needs of an upload as stored. */
export interface VideoUploadFacts {
  readonly owner: string;
  /** The data owner's client that opened it. */
  readonly clientId: string;
  readonly state: VideoUploadState;
  /** Unix seconds: an `open` upload is refused from then on and swept. */
  readonly expiresAt: number;
}

/** Who asks: the token's agency and client. */
export interface VideoUploadCaller {
  readonly owner: string;
  readonly clientId: string;
}

/** Why a step is refused (the problem's stable code). */
export type VideoUploadRefusal = 'not_found' | 'upload_complete' | 'upload_expired' | 'upload_cancelled';

/**
 * The decision: `proceed` with the step; `cancelled` (a cancel of an upload already cancelled by the
 * same client: answered as the first, finishing its deletion if it was cut short); or `refuse`.
 */
export type VideoUploadDecision =
  | { readonly kind: 'proceed' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'refuse'; readonly code: VideoUploadRefusal };

const refuse = (code: VideoUploadRefusal): VideoUploadDecision => ({ kind: 'refuse', code });

/**
 * Decides `step` on `upload` (null: no such upload) for `caller` at `now`.
 *
 * - Missing, another owner's, or (for `cancel`) opened by another client: `not_found`, the same answer.
 * - `complete`: `upload_complete` (a stored video is replaced by a new upload, never cancelled).
 * - `cancelled`: a cancel again is `cancelled` (idempotent); a chunk or a completion `upload_cancelled`.
 * - `dropped`, or `open` past its expiry: `upload_expired`, except that a cancel of an `open` upload
 *   past its expiry proceeds (its chunks go at once instead of at the next sweep).
 *
 * @example videoUploadStep({ owner: 'police', clientId: 'c1', state: 'open', expiresAt: 100 }, { owner: 'police', clientId: 'c2' }, 'cancel', 50) // { kind: 'refuse', code: 'not_found' }
 */
export function videoUploadStep(upload: VideoUploadFacts | null, caller: VideoUploadCaller, step: VideoUploadStep, now: number): VideoUploadDecision {
  if (upload === null || upload.owner !== caller.owner) return refuse('not_found');
  if (step === 'cancel' && upload.clientId !== caller.clientId) return refuse('not_found');
  switch (upload.state) {
    case 'complete':
      return refuse('upload_complete');
    case 'cancelled':
      return step === 'cancel' ? { kind: 'cancelled' } : refuse('upload_cancelled');
    case 'dropped':
      return refuse('upload_expired');
    case 'open':
      return upload.expiresAt <= now && step !== 'cancel' ? refuse('upload_expired') : { kind: 'proceed' };
  }
}
