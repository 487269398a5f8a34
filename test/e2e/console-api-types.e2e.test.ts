/**
 * The console's API types are generated from the gateway's OpenAPI document, never copied: this
 * fails when `gateway/console/src/generated/api-types.ts` is not what `npm run types:console` makes
 * from the document a fresh local gateway serves now (a route schema changed without regenerating,
 * or the file was edited by hand).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource, digest, fetchOpenApiDocument } from '../../gateway/console/scripts/api-types.js';

describe('console API types', () => {
  it('are what the gateway’s OpenAPI document gives now (run `npm run types:console` after changing a route schema)', { timeout: 300_000 }, async () => {
    const doc = await fetchOpenApiDocument();
    // Every admin route the console calls is in the document, with its schemas.
    for (const path of [
      '/v1/admin/agencies',
      '/v1/admin/clients',
      '/v1/admin/clients/{id}',
      '/v1/admin/officers',
      '/v1/admin/officers/{id}/enrolment-code',
      '/v1/admin/requests/{id}/approve',
      '/v1/admin/grants/{id}/leadership-approve',
    ]) {
      expect(Object.keys(doc.paths ?? {})).toContain(path);
    }
    const expected = await apiTypesSource(doc);
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed === expected, `api-types.ts is stale (committed ${digest(committed)}, gateway gives ${digest(expected)}): run npm run types:console`).toBe(
      true,
    );
  });
});
