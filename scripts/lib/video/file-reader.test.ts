import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileReader, hashFile, readHead } from './file-reader.js';
import { MAX_SEND_CHUNK_BYTES } from './limits.js';

const dir = mkdtempSync(join(tmpdir(), 'n2k-file-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHUNK = 1000;
/** 3.5 chunks of varied bytes. */
const bytes = Uint8Array.from({ length: 3 * CHUNK + 500 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
const digest = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };

function fileOf(name: string, content: Uint8Array = bytes): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Every chunk the reader hands out, copied as it is handed out (the reader reuses its buffer), until it throws. */
async function drain(reader: ReturnType<typeof fileReader>, chunkBytes = CHUNK): Promise<{ chunks: Uint8Array[]; error: unknown }> {
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of reader.chunks(chunkBytes)) chunks.push(chunk.slice());
    return { chunks, error: null };
  } catch (error) {
    return { chunks, error };
  }
}

describe('reading a video file for the upload', () => {
  it('hashes by streaming, and reads only the head asked for', async () => {
    const path = fileOf('hash.bin');
    expect(await hashFile(path)).toEqual(digest);
    expect(await readHead(path, 10)).toEqual(bytes.subarray(0, 10));
    expect(await readHead(path, bytes.length + 10)).toEqual(bytes);
  });

  it('hands out the file in chunks of the size asked, the last shorter', async () => {
    const { chunks, error } = await drain(fileReader(fileOf('whole.bin'), digest, 'the clip'));
    expect(error).toBeNull();
    expect(chunks.map((c) => c.length)).toEqual([CHUNK, CHUNK, CHUNK, 500]);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
  });

  it('stops before the last chunk when the content is not the one described', async () => {
    const other = bytes.slice();
    other[3 * CHUNK + 10] = (other[3 * CHUNK + 10] ?? 0) ^ 0xff;
    const { chunks, error } = await drain(fileReader(fileOf('other.bin', other), digest, 'the clip'));
    expect(chunks).toHaveLength(3);
    expect(error).toMatchObject({ code: 'file_changed', message: expect.stringMatching(/^the clip changed while it was being sent \(its content differs/) });
  });

  it('refuses a file of another size at once, and one that shrinks or grows while it is read', async () => {
    const short = await drain(fileReader(fileOf('short.bin', bytes.subarray(0, 100)), digest, 'the clip'));
    expect(short).toMatchObject({ chunks: [], error: { code: 'file_changed' } });

    const shrinking = fileOf('shrinking.bin');
    const shrunk: Uint8Array[] = [];
    const shrinkError = await (async () => {
      try {
        for await (const chunk of fileReader(shrinking, digest, 'the clip').chunks(CHUNK)) {
          shrunk.push(chunk);
          truncateSync(shrinking, CHUNK + 10);
        }
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(shrunk).toHaveLength(1);
    expect(shrinkError).toMatchObject({ code: 'file_changed', message: expect.stringContaining('it became shorter') });

    const growing = fileOf('growing.bin');
    let grew = 0;
    const growError = await (async () => {
      try {
        for await (const _ of fileReader(growing, digest, 'the clip').chunks(CHUNK)) if (grew++ === 0) appendFileSync(growing, 'x');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(grew).toBe(3);
    expect(growError).toMatchObject({ code: 'file_changed', message: expect.stringContaining('it became longer') });
  });

  it('refuses a chunk size it would not hold, before opening the file', async () => {
    for (const size of [0, -1, 1.5, MAX_SEND_CHUNK_BYTES + 1]) {
      const { chunks, error } = await drain(fileReader(join(dir, 'absent.bin'), digest, 'the clip'), size);
      expect(chunks).toEqual([]);
      expect(String(error)).toMatch(/the tool sends chunks of 1 to/);
    }
  });
});
