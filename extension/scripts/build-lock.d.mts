/** A build takes seconds alone and minutes on a loaded machine: a lock older than this was left by a killed build. */
export declare const STALE_MS: number;
/** How often a waiting build looks at the lock again (ms). */
export declare const POLL_MS: number;
/** Runs `fn` while holding the build lock at `lock` (a directory path), waiting for another holder first; releases it however `fn` ends. */
export declare function withBuildLock<T>(lock: string, fn: () => T, options?: { staleMs?: number; timeoutMs?: number }): T;
