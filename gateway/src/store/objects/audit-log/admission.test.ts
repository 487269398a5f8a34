import { describe, expect, it } from 'vitest';
import { admit, type Budget } from './admission.js';
import { inFreshLog } from './test-support.js';

/** Runs `fn` over the storage of a fresh log object (its constructor creates the tables). */

const grant = (requestsPerMinute: number, personsPerHour: number): Budget => ({
  scope: 'grant:g',
  requestsPerMinute,
  personsPerHour,
  requestLimit: 'requests_per_minute',
  personLimit: 'persons_per_hour',
});
const officer = (requestsPerMinute: number, personsPerHour: number): Budget => ({
  scope: 'grant:g/client:c',
  requestsPerMinute,
  personsPerHour,
  requestLimit: 'officer_requests_per_minute',
  personLimit: 'officer_persons_per_hour',
});

describe('admission', () => {
  it('admits up to the requests of a minute, then refuses until the oldest leaves the window', async () => {
    await inFreshLog((sql) => {
      const budgets = [grant(2, 100)];
      expect(admit(sql, { now: 1000, budgets, subjects: [] })).toEqual({ ok: true });
      expect(admit(sql, { now: 1010, budgets, subjects: [] })).toEqual({ ok: true });
      expect(admit(sql, { now: 1020, budgets, subjects: [] })).toEqual({ ok: false, limit: 'requests_per_minute', retryAfter: 40 });
      // A refusal by the request limit counted nothing: the minute still holds two.
      expect(admit(sql, { now: 1059, budgets, subjects: [] })).toMatchObject({ ok: false, retryAfter: 1 });
      expect(admit(sql, { now: 1060, budgets, subjects: [] })).toEqual({ ok: true });
    });
  });

  it('counts each person once an hour, refuses past the limit and still costs the request', async () => {
    await inFreshLog((sql) => {
      const budgets = [grant(100, 2)];
      expect(admit(sql, { now: 5000, budgets, subjects: ['psn_a', 'psn_a'] })).toEqual({ ok: true });
      expect(admit(sql, { now: 5001, budgets, subjects: ['psn_a', 'psn_b'] })).toEqual({ ok: true });
      expect(admit(sql, { now: 5002, budgets, subjects: ['psn_c'] })).toEqual({ ok: false, limit: 'persons_per_hour', retryAfter: 3598 });
      const counted = sql.exec<{ n: number }>("SELECT count(*) AS n FROM rate_subjects WHERE scope = 'grant:g'").one().n;
      expect(counted).toBe(2);
      expect(sql.exec<{ n: number }>("SELECT sum(n) AS n FROM rate_requests WHERE scope = 'grant:g'").one().n).toBe(3);
      expect(admit(sql, { now: 5003, budgets, subjects: ['psn_b'] })).toEqual({ ok: true });
    });
  });

  it('checks every budget and names the refusal that makes the caller wait longest', async () => {
    await inFreshLog((sql) => {
      const budgets = [grant(10, 100), officer(1, 100)];
      expect(admit(sql, { now: 100, budgets, subjects: [] })).toEqual({ ok: true });
      expect(admit(sql, { now: 130, budgets, subjects: [] })).toEqual({ ok: false, limit: 'officer_requests_per_minute', retryAfter: 30 });
      const both = [grant(1, 100), officer(1, 100)];
      // grant:g holds 1 request (from t=100); the officer's share too: the grant's budget of 1 is full as well.
      expect(admit(sql, { now: 131, budgets: both, subjects: [] })).toMatchObject({ ok: false, retryAfter: 29 });
    });
  });
});
