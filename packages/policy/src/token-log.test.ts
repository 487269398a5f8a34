import { describe, expect, it } from 'vitest';
import { MAX_LOGGED_REASON_CHARS, REFUSALS_LOGGED_PER_MINUTE, REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE } from './constants.js';
import { issuedEntry, refusalBounds, refusalEntry } from './token-log.js';

describe('what the log keeps of a token request', () => {
  it('a refusal keeps a registered id, or a hash of an unknown claim, and a bounded printable reason', () => {
    expect(refusalEntry({ at: 1, claimed: { kind: 'registered', id: 'moh-tracer' }, error: 'invalid_client', reason: 'client is suspended' })).toEqual({
      kind: 'token',
      at: 1,
      client: 'moh-tracer',
      outcome: 'refused',
      error: 'invalid_client',
      reason: 'client is suspended',
    });
    const unknown = refusalEntry({ at: 1, claimed: { kind: 'unknown', hash: 'psn_x' }, error: 'invalid_client', reason: `ល${'x'.repeat(500)}` });
    expect(unknown).toMatchObject({ client: null, client_hash: 'psn_x' });
    expect(unknown.reason).toHaveLength(MAX_LOGGED_REASON_CHARS);
    expect(String(unknown.reason).startsWith('?x')).toBe(true);
    expect(refusalEntry({ at: 1, claimed: { kind: 'none' }, error: 'invalid_request', reason: 'grant_type missing' })).not.toHaveProperty('client_hash');
  });

  it('counts a refusal against its source and against all sources', () => {
    expect(refusalBounds('psn_a')).toEqual([
      { scope: 'token_refusals/source:psn_a', perMinute: REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE },
      { scope: 'token_refusals', perMinute: REFUSALS_LOGGED_PER_MINUTE },
    ]);
  });

  it('an issued token names the records of a case-specific grant by hash only', () => {
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
    const entry = issuedEntry({ at: 1, client: 'c', jti: 'j', expiresIn: 60, scope: null, details: [detail] }, (ids) => ids.map((id) => `h(${id})`));
    expect(entry.authorization_details).toEqual([
      { ...Object.fromEntries(Object.entries(detail).filter(([k]) => k !== 'record_ids')), record_id_hashes: ['h(case-1)'] },
    ]);
    expect(JSON.stringify(entry)).not.toContain('"case-1"');
  });
});
