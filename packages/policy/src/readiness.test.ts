import { describe, expect, it } from 'vitest';
import { judgeReadiness, servingProblems } from './readiness.js';

const healthy = { secret: 'ok', keyCheck: 'matches', migrations: 'applied', log: 'reachable' } as const;

describe('judgeReadiness', () => {
  it('is ready when everything holds, on a first start too', () => {
    expect(judgeReadiness(healthy)).toEqual({ ready: true, problems: [] });
    expect(judgeReadiness({ ...healthy, keyCheck: 'stored' }).ready).toBe(true);
  });

  it('names each thing wrong', () => {
    const codes = (o: Parameters<typeof judgeReadiness>[0]) => judgeReadiness(o).problems.map((p) => p.code);
    expect(codes({ ...healthy, secret: 'weak', keyCheck: 'unknown' })).toEqual(['secret_weak']);
    expect(codes({ ...healthy, secret: 'missing', keyCheck: 'unknown' })).toEqual(['secret_missing']);
    expect(codes({ ...healthy, keyCheck: 'mismatch' })).toEqual(['secret_mismatch']);
    expect(codes({ ...healthy, migrations: 'missing', keyCheck: 'unknown' })).toEqual(['migrations_missing']);
    expect(codes({ ...healthy, log: 'unreachable' })).toEqual(['log_unreachable']);
    expect(codes({ secret: 'malformed', keyCheck: 'unknown', migrations: 'unreadable', log: 'unreachable' })).toEqual([
      'database_unreachable',
      'secret_malformed',
      'log_unreachable',
    ]);
  });
});

describe('servingProblems', () => {
  it('stops serving on a bad or mismatched secret, not on a first start', () => {
    expect(servingProblems({ secret: 'ok', keyCheck: 'stored' })).toEqual([]);
    expect(servingProblems({ secret: 'weak', keyCheck: 'matches' })[0]?.code).toBe('secret_weak');
    expect(servingProblems({ secret: 'ok', keyCheck: 'mismatch' })[0]?.code).toBe('secret_mismatch');
    expect(servingProblems({ secret: 'ok', keyCheck: 'unknown' })[0]?.code).toBe('key_check_unreadable');
  });
});
