import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayError } from '@need2know/client';
import { encodePng } from '@need2know/png';
import { afterAll, describe, expect, it } from 'vitest';
import { imageMarkTile } from '../../extension/src/lib/trace-mark/image.js';
import { composite, syntheticPage } from '../../extension/src/lib/trace-mark/synthetic-page.js';
import { markText, textMark } from '../../extension/src/lib/trace-mark/text.js';
import { extractViewIds, formatViewTrace, runTrace, TraceInputError, type ViewTrace } from './trace.js';

const A = 'AQID-vv8_f4';
const B = 'zQ3-kP_a9Xw';
const dir = mkdtempSync(join(tmpdir(), 'n2k-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const utf8 = (s: string) => new TextEncoder().encode(s);
const screenshot = (viewId: string | null) => {
  const page = syntheticPage(560, 400, 11);
  const shot = viewId === null ? page : composite(page, imageMarkTile(viewId), 29, 41);
  return encodePng({ width: shot.width, height: shot.height, data: new Uint8Array(shot.rgba) });
};

const traceOf = (viewId: string): ViewTrace => ({
  view_id: viewId,
  at: '2026-11-22T02:14:09.000Z',
  officer_id: 'moh-officer-7',
  officer_name: 'Chan Sreypov',
  agency_id: 'moh',
  purpose_id: 'covid-contact-tracing',
  grant_id: 'grt_8Hk2qLw0bYtZ',
  record_type: 'person',
  disclosure_id: 'dsc_Qm5tA2',
  log_index: 4211,
  reveals: [{ at: '2026-11-22T02:15:00.000Z', reason: 'confirm identity with the tracer', log_index: 4215 }],
});

describe('extractViewIds', () => {
  it('reads text marks from copied text, each view once', async () => {
    const sample = `Name: ${markText('Sok Dara', A)}\nPhone: ${markText('+855 12 345 678', B)}\nAgain: ${markText('Sok Dara', A)}`;
    expect(await extractViewIds(utf8(sample))).toEqual({ kind: 'text', viewIds: [A, B] });
  });

  it('reads UTF-16 text that a Windows editor saved, and marks written as HTML character references', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(markText('សុខ ដារ៉ា', A), 'utf16le')]);
    expect((await extractViewIds(utf16)).viewIds).toEqual([A]);
    const html = `<td>S${[...textMark(B)].map((c, i) => (i % 2 === 0 ? `&#x${(c.codePointAt(0) as number).toString(16).toUpperCase()};` : `&#${c.codePointAt(0) as number};`)).join('')}ok</td>`;
    expect((await extractViewIds(utf8(html))).viewIds).toEqual([B]);
  });

  it('finds nothing in retyped text', async () => {
    expect(await extractViewIds(utf8('Name: Sok Dara\nPhone: +855 12 345 678\n'))).toEqual({ kind: 'text', viewIds: [] });
  });

  it('reads the image mark from a PNG screenshot', async () => {
    expect(await extractViewIds(await screenshot(A))).toEqual({ kind: 'png', viewIds: [A] });
    expect(await extractViewIds(await screenshot(null))).toEqual({ kind: 'png', viewIds: [] });
  });

  it('refuses other image formats instead of reading them as text', async () => {
    await expect(extractViewIds(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16))).rejects.toThrow(TraceInputError);
    await expect(extractViewIds(utf8('GIF89a...'))).rejects.toThrow(/GIF/);
  });
});

describe('runTrace', () => {
  const run = async (path: string, fetchView: (id: string) => Promise<ViewTrace>, json = false) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTrace(path, { fetchView, json, print: (l) => out.push(l), printError: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const known = async (id: string) => {
    if (id === A) return traceOf(id);
    throw new GatewayError(404, 'not_found', { code: 'not_found' });
  };

  it('names the officer, agency, purpose, grant, time and log entry of the view, and how to prove it', async () => {
    const { code, out, err } = await run(file('leak.png', await screenshot(A)), known);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(`image trace mark in ${join(dir, 'leak.png')}: 1 view`);
    for (const expected of [
      'Chan Sreypov (moh-officer-7)',
      'moh',
      'covid-contact-tracing',
      'grt_8Hk2qLw0bYtZ',
      '2026-11-22T02:14:09.000Z',
      'log index   4211',
      'confirm identity with the tracer',
    ])
      expect(out).toContain(expected);
    expect(out).toContain('npm run n2k -- audit export --from 4211 --to 4212 --out view-AQID-vv8_f4.json');
    expect(formatViewTrace(traceOf(A))).toContain('  agency      moh');
  });

  it('says so, with exit code 1, when a view is not on record, and still reports the others', async () => {
    const { code, out, err } = await run(file('mixed.txt', `${markText('Sok Dara', A)} ${markText('Dara', B)}`), known);
    expect(code).toBe(1);
    expect(out).toContain('view AQID-vv8_f4');
    expect(err).toContain(`view ${B} is not on record at this gateway`);
  });

  it('exits 1 with an explanation when the sample carries no mark', async () => {
    const text = await run(file('retyped.txt', 'Sok Dara'), known);
    expect(text.code).toBe(1);
    expect(text.err).toMatch(/no text trace mark .*retyped/);
    const image = await run(file('clean.png', await screenshot(null)), known);
    expect(image.code).toBe(1);
    expect(image.err).toMatch(/no image trace mark .*visible watermark/);
  });

  it('prints JSON on request', async () => {
    const { code, out } = await run(file('json.txt', markText('Sok Dara', A)), known, true);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ kind: 'text', views: [{ view_id: A, found: true, trace: traceOf(A) }] });
  });

  it('lets other refusals through (an officer without the admin scope is not told "unknown view")', async () => {
    const forbidden = async () => {
      throw new GatewayError(403, 'forbidden', null);
    };
    await expect(run(file('f.txt', markText('Sok Dara', A)), forbidden)).rejects.toThrow(GatewayError);
  });
});
