/** The demo's pictures: deterministic, valid PNG, tied to references the records really carry. */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../dataset.js';
import { DEFAULT_MEDIA_ITEMS, demoMedia } from './media.js';
import { PORTRAIT_SIZE, SCENE_HEIGHT, SCENE_WIDTH } from './pictures.js';

const data = generateDataset({ seed: 'media-test', persons: 400 });

/** IHDR fields and the inflated image data of a PNG, read with Node's zlib (an independent inflater). */
function readPng(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const types: string[] = [];
  let idat = Buffer.alloc(0);
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) {
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    types.push(type);
    if (type === 'IDAT') idat = Buffer.concat([idat, png.subarray(at + 8, at + 8 + view.getUint32(at))]);
  }
  return { width: view.getUint32(16), height: view.getUint32(20), depth: png[24], colorType: png[25], types, raw: inflateSync(idat) };
}

describe('demoMedia', () => {
  const items = demoMedia(data);

  it('picks photo references the records carry, half persons, half evidence photos', () => {
    expect(items).toHaveLength(DEFAULT_MEDIA_ITEMS);
    const persons = items.filter((i) => i.recordType === 'person');
    expect(persons).toHaveLength(DEFAULT_MEDIA_ITEMS / 2);
    for (const item of items.slice(0, 20).concat(items.slice(-20))) {
      const index = Number(item.recordId.split('-')[1]) - 1;
      if (item.recordType === 'person') expect(data.personAt(index).photo_ref).toBe(item.ref);
      else expect(data.caseAt(index).evidence?.find((e) => e.media_ref === item.ref)?.kind).toBe('photo');
    }
    expect(new Set(items.map((i) => i.ref)).size).toBe(items.length);
    // Some of the photos are of minors (the gateway will blur those).
    const minors = persons.filter((p) => data.personAt(Number(p.recordId.split('-')[1]) - 1).date_of_birth > '2008-06-30');
    expect(minors.length).toBeGreaterThan(0);
  });

  it('makes small valid PNG files, the same bytes every time', async () => {
    const portrait = readPng(await (items[0]?.png() as Promise<Uint8Array>));
    expect(portrait).toMatchObject({ width: PORTRAIT_SIZE, height: PORTRAIT_SIZE, depth: 8, colorType: 2, types: ['IHDR', 'IDAT', 'IEND'] });
    expect(portrait.raw.length).toBe(PORTRAIT_SIZE * (1 + PORTRAIT_SIZE * 3));
    const scene = items.find((i) => i.recordType === 'case');
    const sceneBytes = await (scene?.png() as Promise<Uint8Array>);
    expect(readPng(sceneBytes)).toMatchObject({ width: SCENE_WIDTH, height: SCENE_HEIGHT });
    expect(
      await (demoMedia(generateDataset({ seed: 'media-test', persons: 400 }))
        .find((i) => i.ref === scene?.ref)
        ?.png() as Promise<Uint8Array>),
    ).toEqual(sceneBytes);
    const sizes = await Promise.all(items.slice(0, 30).map(async (i) => (await i.png()).length));
    expect(Math.max(...sizes)).toBeLessThan(8 * 1024);
  });

  it('respects the limit', () => {
    expect(demoMedia(data, 10)).toHaveLength(10);
    expect(demoMedia(data, 0)).toHaveLength(0);
    expect(() => demoMedia(data, -1)).toThrow(TypeError);
  });
});
