/**
 * The viewer's build lock (extension/scripts/build-lock.mjs): end-to-end test files build the viewer
 * side by side, each for its own gateway, into folders Plasmo shares; one build at a time keeps a
 * test from loading a viewer pinned to another test's gateway, or finding no manifest at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withBuildLock } from '../../extension/scripts/build-lock.mjs';

const MODULE = resolve(import.meta.dirname, '../../extension/scripts/build-lock.mjs');
/** How long the other build holds the lock in the first test (ms). */
const HOLD_MS = 1500;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const freshLock = () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-build-lock-'));
  return join(dir, 'build', '.lock');
};

describe('one build of the viewer at a time', () => {
  it('waits while another process builds, and builds once that one is done', async () => {
    const lock = freshLock();
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { withBuildLock } from ${JSON.stringify(MODULE)}; withBuildLock(${JSON.stringify(lock)}, () => { console.log('held'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${HOLD_MS}); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((done) => holder.on('exit', done));
    await new Promise<void>((done) => holder.stdout.once('data', () => done()));
    const asked = Date.now();
    let ranAt = 0;
    withBuildLock(lock, () => {
      ranAt = Date.now();
      expect(existsSync(lock)).toBe(true);
    });
    // The other build was still holding it: this one ran only after it let go.
    expect(ranAt - asked).toBeGreaterThan(HOLD_MS / 2);
    expect(await exited).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a build that was killed', () => {
    const lock = freshLock();
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), String(gone));
    const asked = Date.now();
    expect(withBuildLock(lock, () => 'built')).toBe('built');
    expect(Date.now() - asked).toBeLessThan(HOLD_MS);
  });

  it('lets go of the lock when the build fails', () => {
    const lock = freshLock();
    expect(() =>
      withBuildLock(lock, () => {
        throw new Error('plasmo failed');
      }),
    ).toThrow('plasmo failed');
    expect(existsSync(lock)).toBe(false);
    expect(withBuildLock(lock, () => 1)).toBe(1);
  });
});
