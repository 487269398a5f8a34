/**
 * Token entries are built by `@need2know/policy` (which decides what of a token request the log may
 * keep) and typed by `@need2know/audit` (which documents every entry in FORMAT.md): the two agree,
 * in type and in the fields written.
 */
import { readFileSync } from 'node:fs';
import type { TokenIssuedLogEntry, TokenRefusedLogEntry } from '@need2know/audit';
import { issuedEntry, refusalEntry } from '@need2know/policy';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { documentedShapes, shapeProblems } from '../../packages/audit/src/entry/format-fields.js';

const shapes = documentedShapes(readFileSync(new URL('../../packages/audit/FORMAT.md', import.meta.url), 'utf8'));
const none = { required: new Set<string>(), optional: new Set<string>() };

const detail = {
  type: 'record_access' as const,
  purpose: 'p',
  grant: 'g',
  record_types: ['case'],
  fields: {},
  actions: ['fetch'],
  disclosure: {},
  record_ids: ['case-1'],
  window_ends: 9,
};

describe('token entries: policy builds what FORMAT.md documents', () => {
  it('an issued token', () => {
    const entry = issuedEntry({ at: 1, client: 'moh-tracer', jti: 'j', expiresIn: 300, scope: null, details: [detail] }, (ids) => ids.map((id) => `psn_${id}`));
    expect(shapeProblems(entry, shapes.get('token/issued') ?? none)).toEqual([]);
    expectTypeOf(entry).toMatchTypeOf<TokenIssuedLogEntry>();
  });

  it('a refused request, with and without the hash of an unknown claimed client', () => {
    const registered = refusalEntry({ at: 1, claimed: { kind: 'registered', id: 'moh-tracer' }, error: 'invalid_client', reason: 'client is suspended' });
    const unknown = refusalEntry({ at: 1, claimed: { kind: 'unknown', hash: 'psn_x' }, error: 'invalid_client', reason: 'unknown client' });
    for (const entry of [registered, unknown]) expect(shapeProblems(entry, shapes.get('token/refused') ?? none)).toEqual([]);
    expect(unknown).toHaveProperty('client_hash', 'psn_x');
    expectTypeOf(registered).toMatchTypeOf<TokenRefusedLogEntry>();
  });
});
