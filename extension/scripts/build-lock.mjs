/**
 * One build of the viewer at a time in a checkout. Plasmo writes to the shared `.plasmo/` and
 * `build/chrome-mv3-prod/` folders, so two builds at once (end-to-end test files running side by
 * side, each building the viewer for its own gateway's port) mix their outputs: one test loads a
 * viewer pinned to another test's gateway, or finds no manifest at all. `withBuildLock` holds an
 * exclusive lock, a directory created atomically that names its holder's process id, while the build
 * runs; a lock whose holder is gone, or that is older than `STALE_MS`, is taken over.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A build takes seconds alone and minutes on a loaded machine: a lock older than this was left by a killed build. */
export const STALE_MS = 10 * 60 * 1000;
/** How often a waiting build looks at the lock again (ms). */
export const POLL_MS = 200;

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return err?.code === 'EPERM';
  }
}

/** Whether the lock at `lock` was left behind: its holder has exited, or it is older than `staleMs`. */
function leftBehind(lock, staleMs) {
  let since;
  try {
    since = statSync(lock).mtimeMs;
  } catch {
    return false; // released meanwhile: try again
  }
  let pid = Number.NaN;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    // the holder has not written its id yet (or was killed before it could): only age tells
  }
  if (Number.isInteger(pid) && pid > 0 && !alive(pid)) return true;
  return Date.now() - since > staleMs;
}

/**
 * Runs `fn` while holding the build lock at `lock` (a directory path), waiting for another holder
 * to finish first; releases it however `fn` ends, and returns what `fn` returns.
 *
 * @example withBuildLock('extension/build/.lock', () => spawnSync('plasmo', ['build']))
 */
export function withBuildLock(lock, fn, { staleMs = STALE_MS, timeoutMs = 2 * STALE_MS } = {}) {
  mkdirSync(dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
    }
    if (leftBehind(lock, staleMs)) {
      // Renaming is atomic: of two builds taking over the same stale lock, one moves it away.
      const aside = `${lock}.stale-${process.pid}-${Date.now()}`;
      try {
        renameSync(lock, aside);
        rmSync(aside, { recursive: true, force: true });
      } catch {
        // another build took it over first
      }
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`another build of the viewer has held ${lock} for too long`);
    sleep(POLL_MS);
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
