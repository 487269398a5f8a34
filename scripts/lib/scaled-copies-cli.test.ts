import { describe, expect, it } from 'vitest';
import {
  EXIT_NOT_COPIED,
  scaledCopiesAll,
  scaledCopiesExitCode,
  type ScaledCopyApi,
  type ScaledCopyFailure,
  type ScaledCopyProgressBody,
} from './scaled-copies-cli.js';

interface Original {
  ref: string;
  /** Why no copy can be made of it; undefined: it can be copied. */
  fails?: ScaledCopyFailure;
  copied: boolean;
}

/**
 * The gateway's scaled-copy route in miniature: originals without a copy, paged by reference
 * (`limit` a call, after `after`); one that cannot be copied is reported on every call that meets it
 * and stays without a copy.
 */
function scriptedRoute(originals: Original[]): ScaledCopyApi & { calls: string[] } {
  const route = {
    calls: [] as string[],
    async post<T>(path: string): Promise<T> {
      route.calls.push(path);
      if (route.calls.length > 100) throw new Error('the loop does not stop');
      const q = new URL(path, 'http://gateway').searchParams;
      const limit = Number(q.get('limit'));
      const after = q.get('after') ?? '';
      const page = originals.filter((o) => !o.copied && o.ref > after).slice(0, limit);
      const failed: ScaledCopyProgressBody['failed'] = [];
      let made = 0;
      for (const o of page) {
        if (o.fails === undefined) {
          o.copied = true;
          made += 1;
        } else failed.push({ ref: o.ref, reason: o.fails });
      }
      const body: ScaledCopyProgressBody = {
        made,
        failed,
        remaining: originals.filter((o) => !o.copied).length,
        next: page.length < limit ? null : (page.at(-1)?.ref ?? null),
      };
      return body as T;
    },
  };
  return route;
}

const quiet = () => {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: { print: (l: string) => lines.push(l), printError: (l: string) => errors.push(l) } };
};

const originals = (n: number, failing: Record<number, ScaledCopyFailure> = {}): Original[] =>
  Array.from({ length: n }, (_, i) => ({
    ref: `media/case/c-${String(i).padStart(3, '0')}/1.jpg`,
    copied: false,
    ...(failing[i] ? { fails: failing[i] } : {}),
  }));

describe('n2k media scaled-copies', () => {
  it('follows the cursor to the end of a pass and stops once nothing is left, exit 0', async () => {
    const all = originals(7);
    const route = scriptedRoute(all);
    const { out, errors } = quiet();
    const outcome = await scaledCopiesAll(route, 3, out);
    expect(outcome).toEqual({ made: 7, remaining: 0, failed: [] });
    expect(all.every((o) => o.copied)).toBe(true);
    expect(route.calls).toEqual([
      '/media/scaled-copies?limit=3',
      `/media/scaled-copies?limit=3&after=${encodeURIComponent('media/case/c-002/1.jpg')}`,
      `/media/scaled-copies?limit=3&after=${encodeURIComponent('media/case/c-005/1.jpg')}`,
    ]);
    expect(errors).toEqual([]);
    expect(scaledCopiesExitCode(outcome)).toBe(0);
  });

  it('reaches the originals after those that cannot be copied, names each of those once, and stops after a pass that makes nothing', async () => {
    const all = originals(6, { 0: 'undecodable', 1: 'unreadable', 2: 'copy_too_large' });
    const route = scriptedRoute(all);
    const { out, errors } = quiet();
    const outcome = await scaledCopiesAll(route, 3, out);
    expect(outcome.made).toBe(3);
    expect(outcome.remaining).toBe(3);
    expect(outcome.failed.map((f) => f.reason)).toEqual(['undecodable', 'unreadable', 'copy_too_large']);
    // A second pass made nothing: the run stopped there instead of calling for ever.
    expect(route.calls.length).toBeLessThanOrEqual(6);
    expect(errors[0]).toMatch(/^3 original\(s\) could not be copied/);
    expect(errors).toContain('  media/case/c-001/1.jpg: does not open (integrity alarm)');
    expect(scaledCopiesExitCode(outcome)).toBe(EXIT_NOT_COPIED);
  });

  it('a second run over copied originals makes nothing, in one call', async () => {
    const all = originals(2).map((o) => ({ ...o, copied: true }));
    const route = scriptedRoute(all);
    const outcome = await scaledCopiesAll(route, 4, quiet().out);
    expect(outcome).toEqual({ made: 0, remaining: 0, failed: [] });
    expect(route.calls).toHaveLength(1);
  });
});
