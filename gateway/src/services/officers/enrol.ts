import { isPublicEncryptionJwk, isPublicSigningJwk, officerStatusAfter } from '@need2know/policy';
import type { JWK } from 'jose';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { Stores } from '../../store/ports/index.js';
import { DpopError, verifyDpopProof, type VerifiedDpop } from '../oauth/dpop.js';
import { identifiersOf } from '../oauth/issuer.js';
import { enrolmentCodeHash, normaliseEnrolmentCode } from './enrolment-code.js';

/** An enrolment as asked: the one-time code, the new viewer's public encryption key and its DPoP proof headers. */
export interface EnrolmentRequest {
  readonly code: string;
  readonly encryptionJwk: Readonly<Record<string, unknown>>;
  readonly dpopHeaders: readonly string[];
}

/** The enrolled officer, and where the viewer asks for tokens. */
export interface Enrolment {
  readonly officerId: string;
  readonly name: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly agencyNameKm: string | null;
  readonly issuer: string;
  readonly tokenEndpoint: string;
}

const invalidCode = (reason: string) => {
  console.warn(`enrolment refused: ${reason}`);
  return new Problem(400, 'invalid_enrolment_code');
};

/**
 * Enrols an officer's viewer: the DPoP proof (RFC 9449), signed with the new signing key whose public
 * JWK it embeds, proves possession; that key becomes the officer's `private_key_jwt` key and the
 * encryption key the one deliveries are sealed to. The code works once (spent in the same batch as
 * the change); enrolment registers keys and never changes the officer's standing (a suspended officer
 * stays suspended). Throws {@link Problem} `invalid_dpop_proof`, `validation_failed` or
 * `invalid_enrolment_code` (unknown, used, expired — not told apart), changing nothing.
 */
export async function enrolOfficer(
  stores: Pick<Stores, 'registry' | 'changes' | 'replayGuard'>,
  publicUrl: string,
  request: EnrolmentRequest,
  now: number,
): Promise<Enrolment> {
  const { issuer, tokenEndpoint } = identifiersOf(publicUrl);
  let proof: VerifiedDpop;
  try {
    proof = await verifyDpopProof(request.dpopHeaders, { method: 'POST', url: `${issuer}/v1/enrol` }, now);
  } catch (err) {
    if (!(err instanceof DpopError)) throw err;
    console.warn(`enrolment refused: ${err.reason}`);
    throw new Problem(400, 'invalid_dpop_proof');
  }
  const signingJwk = proof.jwk;
  if (!isPublicSigningJwk(signingJwk)) throw new Problem(400, 'validation_failed', 'The signing key must be a public Ed25519 or P-256 key.');
  const encryptionJwk = request.encryptionJwk as JWK;
  if (!isPublicEncryptionJwk(encryptionJwk)) throw new Problem(400, 'validation_failed', 'The encryption key must be a public P-256 or X25519 key.');

  const canonical = normaliseEnrolmentCode(request.code);
  if (canonical === null) throw invalidCode('malformed code');
  const codeHash = await enrolmentCodeHash(canonical);
  const code = await stores.registry.findOpenEnrolmentCode(codeHash, now);
  if (code === null) throw invalidCode('unknown, used or expired code');
  const officer = await stores.registry.getClient(code.officerId);
  if (officer === null || officer.kind !== 'officer') throw invalidCode('code of no officer');

  if ((await stores.replayGuard.spend(`dpop:${proof.jkt}`, [{ key: proof.jti, expiresAt: proof.replayUntil }], now)) !== null) {
    console.warn('enrolment refused: proof replayed');
    throw new Problem(400, 'invalid_dpop_proof');
  }
  const { alg: _alg, use: _use, key_ops: _ops, ...publicSigning } = signingJwk;
  const next = {
    ...officer,
    signingJwks: { keys: [{ ...publicSigning, kid: proof.jkt }] },
    encryptionJwk: { ...encryptionJwk, kid: `enc-${proof.jkt.slice(0, 16)}` },
    // Enrolment registers keys; the status is a privacy officer's decision (a suspended officer
    // stays suspended until a second officer approves re-activation).
    status: officerStatusAfter(officer.status, 'enrolled'),
    etag: randomToken(),
    updatedAt: now,
  };
  const outcome = await stores.changes.commit(
    [
      { op: 'enrolment_code.spend', codeHash, now },
      { op: 'client.update', client: next, expectedEtag: officer.etag },
    ],
    { at: now, actor: officer.id, action: 'officer.enrol', targetType: 'client', targetId: officer.id, detail: { signing_kid: proof.jkt } },
  );
  // A concurrent enrolment with the same code won: this one changed nothing.
  if (!outcome.ok) throw invalidCode('code spent concurrently');
  const agency = await stores.registry.getAgency(officer.agencyId);
  return {
    officerId: officer.id,
    name: officer.name,
    agencyId: officer.agencyId,
    agencyName: agency?.name ?? officer.agencyId,
    agencyNameKm: agency?.nameKm ?? null,
    issuer,
    tokenEndpoint,
  };
}
