/**
 * The demo privacy officers: two, because widening access needs two different officers. Their
 * private keys live in .local/demo/credentials.json; the gateway learns their public keys from
 * `N2K_BOOTSTRAP_ADMINS` in .dev.vars.
 */
import { generateClientKeys, publicJwkOf } from '@need2know/client';
import type { PrivacyOfficerCredentials } from './local-files.js';

const OFFICERS = [
  { client_id: 'po-sophea', name: 'Sophea Chan (privacy officer)' },
  { client_id: 'po-dara', name: 'Dara Meas (privacy officer)' },
];

/** The officers from an earlier run, or new ones with fresh keys. */
export async function demoPrivacyOfficers(known: readonly PrivacyOfficerCredentials[] | undefined): Promise<PrivacyOfficerCredentials[]> {
  if (known !== undefined && OFFICERS.every((o) => known.some((k) => k.client_id === o.client_id))) return [...known];
  return Promise.all(OFFICERS.map(async (o) => ({ ...o, signing_jwk: (await generateClientKeys()).private.signing })));
}

/** The `N2K_BOOTSTRAP_ADMINS` value for these officers (public keys only). */
export function bootstrapAdminsVar(officers: readonly PrivacyOfficerCredentials[]): string {
  return JSON.stringify(
    officers.map((o) => ({
      id: o.client_id,
      name: o.name,
      agency: 'privacy-office',
      agency_name: 'Privacy Office, Ministry of Interior',
      jwk: publicJwkOf(o.signing_jwk),
    })),
  );
}
