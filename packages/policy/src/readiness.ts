/**
 * Whether the gateway may serve, decided from what was observed of its configuration. Pure: the
 * observations are gathered by `health/readiness.ts`. Liveness (`/healthz`) asks nothing of this;
 * readiness (`/readyz`) reports every problem; every other route refuses to run while the root
 * secret or its key check is wrong (no token issued, nothing ingested, nothing signed).
 */

/** What the root secret looks like: set, base64url, at least 32 bytes. */
export type SecretState = 'ok' | 'missing' | 'malformed' | 'weak';

/**
 * The stored key-check value against the secret's: `stored` on the first start (nothing to compare
 * yet), `mismatch` when the gateway runs under another secret than the one its data was sealed
 * with, `unknown` when it could not be read (storage unreachable or not migrated).
 */
export type KeyCheckState = 'matches' | 'stored' | 'mismatch' | 'unknown';

/** Everything readiness looks at. */
export interface ReadinessObservations {
  readonly secret: SecretState;
  readonly keyCheck: KeyCheckState;
  /** Whether D1 has the newest migration this code needs; `unreadable` when D1 did not answer. */
  readonly migrations: 'applied' | 'missing' | 'unreadable';
  /** Whether the log object answered. */
  readonly log: 'reachable' | 'unreachable';
}

/** The part of the configuration a problem is about. */
export type ReadinessCheck = 'root_secret' | 'key_check' | 'migrations' | 'audit_log';

/** One thing wrong, for operators: what and how to fix it, never a secret or a stored value. */
export interface ReadinessProblem {
  readonly check: ReadinessCheck;
  readonly code: string;
  readonly message: string;
}

const SECRET_PROBLEMS: Record<Exclude<SecretState, 'ok'>, ReadinessProblem> = {
  missing: {
    check: 'root_secret',
    code: 'secret_missing',
    message: 'N2K_ROOT_SECRET is not set: set it with `wrangler secret put N2K_ROOT_SECRET` (32 random bytes, base64url).',
  },
  malformed: { check: 'root_secret', code: 'secret_malformed', message: 'N2K_ROOT_SECRET is not base64url without padding.' },
  weak: {
    check: 'root_secret',
    code: 'secret_weak',
    message: 'N2K_ROOT_SECRET is shorter than 32 bytes: nothing may be sealed or signed under it. Generate a new one (KeyRing.generateSecret).',
  },
};

const KEY_CHECK_MISMATCH: ReadinessProblem = {
  check: 'key_check',
  code: 'secret_mismatch',
  message:
    'N2K_ROOT_SECRET is not the secret this gateway first started with (its key-check value differs): restore the original secret. Running under another would seal data and sign checkpoints that the original can never open or verify.',
};

/**
 * The problems that stop the gateway from serving anything but its health checks: a missing, malformed
 * or weak root secret, or one that does not match the stored key check.
 */
export function servingProblems(o: Pick<ReadinessObservations, 'secret' | 'keyCheck'>): ReadinessProblem[] {
  if (o.secret !== 'ok') return [SECRET_PROBLEMS[o.secret]];
  if (o.keyCheck === 'mismatch') return [KEY_CHECK_MISMATCH];
  if (o.keyCheck === 'unknown')
    return [{ check: 'key_check', code: 'key_check_unreadable', message: 'The stored key-check value could not be read: is D1 reachable and migrated?' }];
  return [];
}

/**
 * Readiness: every problem observed, and `ready` only when there is none.
 *
 * @example
 * ```ts
 * judgeReadiness({ secret: 'weak', keyCheck: 'unknown', migrations: 'applied', log: 'reachable' })
 * // → { ready: false, problems: [{ check: 'root_secret', code: 'secret_weak', … }] }
 * ```
 */
export function judgeReadiness(o: ReadinessObservations): { ready: boolean; problems: ReadinessProblem[] } {
  const problems: ReadinessProblem[] = [];
  if (o.migrations === 'missing')
    problems.push({
      check: 'migrations',
      code: 'migrations_missing',
      message: 'D1 lacks migrations this version needs: run `wrangler d1 migrations apply DB`.',
    });
  if (o.migrations === 'unreadable') problems.push({ check: 'migrations', code: 'database_unreachable', message: 'D1 did not answer.' });
  // Without the key-check table, its value cannot be read: the migration problem already says why.
  const serving = servingProblems(o).filter((p) => !(p.code === 'key_check_unreadable' && o.migrations !== 'applied'));
  problems.push(...serving);
  if (o.log === 'unreachable')
    problems.push({
      check: 'audit_log',
      code: 'log_unreachable',
      message: 'The audit log object did not answer: nothing can be disclosed or ingested until it does.',
    });
  return { ready: problems.length === 0, problems };
}
