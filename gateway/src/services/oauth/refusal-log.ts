import { pseudonym, type KeyRing } from '@need2know/crypto';
import type { OAuthError } from '../../platform/errors/oauth-error.js';
import type { Stores } from '../../store/ports/index.js';
import { keyRing, type KeyRingSource } from '../keys/key-ring.js';
import { sha256b64url } from '../../platform/lib/digest.js';
import { refusalBounds, refusalEntry, type ClaimedClient } from '@need2know/policy';
import { RECORD_ID_PATTERN } from '@need2know/schema';
import { peekJwt } from './jwt-shape.js';

/** Scopes of the keyed hashes of claimed client ids and of sources (apart from every agency's and the persons'). */
const CLAIMED_CLIENT_SCOPE = { agency: '_audit', recordType: 'token_request', field: 'client_id' } as const;
const SOURCE_SCOPE = { agency: '_audit', recordType: 'token_request', field: 'source' } as const;
/** The shape of any id the gateway registers (the record-id grammar): anything else cannot be a client. */
const CLIENT_ID = RECORD_ID_PATTERN;

/** Keyed hash of any string a caller sent (digested first, so its length does not matter). */
async function keyedHash(ring: KeyRing, scope: typeof CLAIMED_CLIENT_SCOPE | typeof SOURCE_SCOPE, value: string): Promise<string> {
  return pseudonym(ring, scope, await sha256b64url(value));
}

/** Who the request claimed to be: the form's `client_id`, else the unverified assertion's `iss`. */
function claimedId(form: ReadonlyMap<string, string> | undefined): string | undefined {
  const fromForm = form?.get('client_id');
  if (fromForm !== undefined) return fromForm;
  const assertion = form?.get('client_assertion');
  const iss = assertion === undefined ? undefined : peekJwt(assertion)?.claims.iss;
  return typeof iss === 'string' ? iss : undefined;
}

async function claimedClient(stores: Pick<Stores, 'registry'>, ring: KeyRing, id: string | undefined): Promise<ClaimedClient> {
  if (id === undefined || id === '') return { kind: 'none' };
  if (CLIENT_ID.test(id) && (await stores.registry.getClient(id)) !== null) return { kind: 'registered', id };
  return { kind: 'unknown', hash: await keyedHash(ring, CLAIMED_CLIENT_SCOPE, id) };
}

/**
 * Logs a refused token request, within the bounds of `refusalBounds`: a registered client's id or a
 * keyed hash of what was claimed, the error and the gateway's own reason; counted against its
 * source (the connecting address, as a keyed hash) and against all sources, atomically with the
 * append. Over a bound, nothing is appended. Never throws: the refusal is answered either way.
 */
export async function logTokenRefusal(
  stores: Pick<Stores, 'registry' | 'auditLog'>,
  keys: KeyRingSource,
  request: Request,
  form: ReadonlyMap<string, string> | undefined,
  err: OAuthError,
  now: number,
): Promise<void> {
  try {
    const ring = await keyRing(keys);
    const entry = refusalEntry({ at: now, claimed: await claimedClient(stores, ring, claimedId(form)), error: err.code, reason: err.reason });
    const source = await keyedHash(ring, SOURCE_SCOPE, request.headers.get('cf-connecting-ip') ?? 'unknown');
    const budgets = refusalBounds(source).map((b) => ({
      scope: b.scope,
      requestsPerMinute: b.perMinute,
      personsPerHour: 0,
      requestLimit: 'requests_per_minute' as const,
      personLimit: 'persons_per_hour' as const,
    }));
    const logged = await stores.auditLog.appendIfAdmitted({ now, budgets, subjects: [] }, entry);
    if (!logged) console.warn('token refusal not logged: its source is over the bound of logged refusals');
  } catch (logErr) {
    console.error('could not log a token refusal', logErr);
  }
}
