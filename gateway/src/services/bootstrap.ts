import { z } from 'zod';
import type { JWK } from 'jose';
import { randomToken } from '../platform/lib/random.js';
import { isPublicSigningJwk } from '@need2know/policy';
import type { AdminStores, Client } from '../store/ports/index.js';

const bootstrapSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    name: z.string().min(1).max(200),
    agency: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    agency_name: z.string().min(1).max(200),
    jwk: z.record(z.string(), z.unknown()),
  }),
);

let done: string | undefined;

/**
 * Registers the privacy officers named in `N2K_BOOTSTRAP_ADMINS` (public keys only), once per
 * isolate and configuration. This is how the first officers exist before anyone can administer;
 * everything after goes through the admin API and its two-person rule.
 */
export async function ensureBootstrapOfficers(stores: Pick<AdminStores, 'registry' | 'changes'>, raw: string | undefined, now: number): Promise<void> {
  if (raw === undefined || raw === '' || done === raw) return;
  const parsed = bootstrapSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error('N2K_BOOTSTRAP_ADMINS is malformed');
  const officers: { officer: Client; agencyName: string }[] = [];
  for (const officer of parsed.data) {
    if (!isPublicSigningJwk(officer.jwk as JWK)) throw new Error('N2K_BOOTSTRAP_ADMINS holds a key that is not a public signing key');
    officers.push({
      agencyName: officer.agency_name,
      officer: {
        id: officer.id,
        kind: 'privacy_officer',
        agencyId: officer.agency,
        name: officer.name,
        signingJwks: { keys: [officer.jwk as JWK] },
        encryptionJwk: null,
        ingestTypes: [],
        roles: [],
        status: 'active',
        etag: randomToken(),
        createdAt: now,
        updatedAt: now,
      },
    });
  }
  if (officers.length > 0) {
    const changed = await stores.registry.registerBootstrapOfficers(officers, now);
    // Record which officers the configuration registered or re-keyed (every change leaves an event).
    if (changed.length > 0) {
      await stores.changes.commit([], {
        at: now,
        actor: 'system:bootstrap',
        action: 'privacy_officer.bootstrap',
        targetType: 'client',
        targetId: changed.join(','),
        detail: { officers: changed },
      });
    }
  }
  done = raw;
}
