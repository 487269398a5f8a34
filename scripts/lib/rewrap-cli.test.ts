import { describe, expect, it } from 'vitest';
import { EXIT_UNREADABLE, rewrapAll, rewrapExitCode, type RewrapApi, type RewrapProgressBody } from './rewrap-cli.js';

interface Part {
  type: string;
  id: string;
  version: number;
  readable: boolean;
  moved: boolean;
}

/**
 * A gateway's re-wrap route in miniature: record versions are paged by the cursor (`limit` a call),
 * video parts move a few a call whatever the cursor, and a part that does not open is reported on
 * every call that meets it and stays below the current version.
 */
function fakeGateway(records: Part[], videos: Part[], videosPerCall: number): RewrapApi & { calls: number } {
  const below = () => [...records, ...videos].filter((p) => !p.moved).length;
  const fake = {
    calls: 0,
    async post<T>(path: string): Promise<T> {
      fake.calls += 1;
      if (fake.calls > 100) throw new Error('the loop does not stop');
      const q = new URL(path, 'http://gateway').searchParams;
      const limit = Number(q.get('limit'));
      const after = Number(q.get('after') ?? -1);
      const unreadable: RewrapProgressBody['unreadable'] = [];
      const page = records
        .map((r, i) => ({ r, i }))
        .filter(({ r, i }) => !r.moved && i > after)
        .slice(0, limit);
      let moved = 0;
      for (const { r } of page) {
        if (r.readable) {
          r.moved = true;
          moved += 1;
        } else unreadable.push({ type: r.type, id: r.id, version: r.version });
      }
      let videoMoves = 0;
      for (const v of videos.filter((p) => !p.moved)) {
        if (!v.readable) unreadable.push({ type: v.type, id: v.id, version: 0 });
        else if (videoMoves < videosPerCall) {
          v.moved = true;
          videoMoves += 1;
        }
      }
      const last = page.at(-1);
      const body: RewrapProgressBody = {
        current_version: 2,
        moved: moved + videoMoves,
        remaining: below(),
        signing_keys: 0,
        unreadable,
        next: page.length < limit || last === undefined ? null : String(last.i),
      };
      return body as T;
    },
  };
  return fake;
}

const part = (type: string, id: string, version: number, readable = true): Part => ({ type, id, version, readable, moved: false });
const quiet = () => {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: { print: (l: string) => lines.push(l), printError: (l: string) => errors.push(l) } };
};

describe('n2k keys rewrap: calls the gateway until nothing more moves', () => {
  it('a tampered video chunk reported on every call does not stop the loop before the other parts moved', async () => {
    const records = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => part('case', id, 1));
    const videos = [
      part('video', 'V1#clip/0', 0),
      part('video', 'V1#clip/1', 0),
      part('video', 'V1#clip/2', 0, false),
      part('video', 'V1#clip/3', 0),
      part('video', 'V1#clip/4', 0),
      part('video', 'V1#clip/5', 0),
    ];
    const gateway = fakeGateway(records, videos, 1);
    const { errors, out } = quiet();
    const outcome = await rewrapAll(gateway, 2, out);
    expect([...records, ...videos].filter((p) => p.readable && !p.moved)).toEqual([]);
    expect(outcome.moved).toBe(10);
    expect(outcome.remaining).toBe(1);
    expect(outcome.unreadable).toEqual([{ type: 'video', id: 'V1#clip/2', version: 0 }]);
    expect(rewrapExitCode(outcome)).toBe(EXIT_UNREADABLE);
    expect(errors.filter((l) => l.includes('V1#clip/2'))).toHaveLength(1);
    expect(errors[0]).toMatch(/^1 part\(s\) did not open/);
  });

  it('goes on past a page where nothing opened while the cursor still has more', async () => {
    const records = [part('case', 'bad1', 1, false), part('case', 'bad2', 1, false), part('case', 'ok1', 1), part('case', 'ok2', 1)];
    const gateway = fakeGateway(records, [], 0);
    const { errors, out } = quiet();
    const outcome = await rewrapAll(gateway, 2, out);
    expect(records.filter((r) => r.readable).every((r) => r.moved)).toBe(true);
    expect(outcome.unreadable.map((u) => u.id)).toEqual(['bad1', 'bad2']);
    expect(errors.filter((l) => l.startsWith('  '))).toEqual(['  case/bad1 v1', '  case/bad2 v1']);
  });

  it('stops after one call when nothing is below the current version, exit code 0', async () => {
    const gateway = fakeGateway([], [], 1);
    const { errors, out } = quiet();
    const outcome = await rewrapAll(gateway, 200, out);
    expect(gateway.calls).toBe(1);
    expect(errors).toEqual([]);
    expect(rewrapExitCode(outcome)).toBe(0);
  });

  it('stops when a pass ends moving nothing, saying what is still below and how many', async () => {
    // Parts the gateway never moves and never names: the loop must end and say so, not spin.
    const stuck: RewrapApi = {
      post: async <T>() => ({ current_version: 3, moved: 0, remaining: 4, signing_keys: 0, unreadable: [], next: null }) as T,
    };
    const { errors, out } = quiet();
    const outcome = await rewrapAll(stuck, 10, out);
    expect(rewrapExitCode(outcome)).not.toBe(0);
    expect(errors.join('\n')).toMatch(/4 part\(s\) still below the current version/);
  });
});
