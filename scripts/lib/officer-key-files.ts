/**
 * One key file per privacy officer (`<officer>.key.json`, format `need2know-officer-key/v1`): what
 * an officer picks to sign in to the console. Private keys; written with owner-only permissions
 * into gitignored folders, never committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivacyOfficerCredentials } from './local-files.js';

/** Format tag the console checks (gateway/console/src/key-file.ts). */
export const OFFICER_KEY_FORMAT = 'need2know-officer-key/v1';

/** Writes a key file for each officer into `dir` and returns the paths, in order. */
export function writeOfficerKeyFiles(dir: string, issuer: string, officers: readonly PrivacyOfficerCredentials[]): string[] {
  mkdirSync(dir, { recursive: true });
  return officers.map((o) => {
    const path = join(dir, `${o.client_id}.key.json`);
    const file = {
      format: OFFICER_KEY_FORMAT,
      note: 'Privacy officer key for the need2know console. Private: never share or commit.',
      issuer,
      client_id: o.client_id,
      name: o.name,
      signing_jwk: o.signing_jwk,
    };
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    return path;
  });
}
