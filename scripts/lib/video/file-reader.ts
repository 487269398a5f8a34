/**
 * Reading a clip and its renditions from disk a piece at a time: hashing them for the manifest and
 * handing them to `uploadVideo` chunk by chunk, so that neither ever holds a whole file (an original
 * may be 500 MB). What is sent is checked, as it is read, to be the file the manifest describes.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { VideoFileReader } from '@need2know/client';
import { VideoError } from './errors.js';
import { HASH_READ_BYTES, MAX_SEND_CHUNK_BYTES } from './limits.js';

/** A file's length and SHA-256 (hex), as the manifest states them. */
export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** Fills `buffer[0, length)` from `position`; the number of bytes read (fewer only at the end of the file). */
async function readFully(file: Awaited<ReturnType<typeof open>>, buffer: Uint8Array, length: number, position: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/**
 * The length and SHA-256 of the file at `path`, read {@link HASH_READ_BYTES} at a time.
 *
 * @example await hashFile('clip.mp4') // { bytes: 4_200_000, sha256: '9f86d0…' }
 */
export async function hashFile(path: string): Promise<FileDigest> {
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = new Uint8Array(HASH_READ_BYTES);
    let bytes = 0;
    for (;;) {
      const got = await readFully(file, buffer, buffer.length, bytes);
      if (got === 0) break;
      hash.update(buffer.subarray(0, got));
      bytes += got;
    }
    return { bytes, sha256: hash.digest('hex') };
  } finally {
    await file.close();
  }
}

/** At most the first `length` bytes of the file at `path`. */
export async function readHead(path: string, length: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    return buffer.subarray(0, await readFully(file, buffer, length, 0));
  } finally {
    await file.close();
  }
}

/**
 * A reader of the file at `path` for `uploadVideo`: its chunks are read from disk one at a time into
 * one buffer (so sending holds one chunk of the file, whatever its size) and hashed as they go. A
 * file that is not, or no longer, the one `expected` describes — another length, or other content —
 * stops the upload with `file_changed` before its last chunk is sent, so the upload is never
 * completed and what the gateway names is always what was redacted.
 *
 * Guards: the file is opened once and read by position, so a file replaced under its name while
 * it is sent is still read whole from the one that was opened; a chunk size over
 * {@link MAX_SEND_CHUNK_BYTES} is refused rather than allocated.
 *
 * @param what How the file is named in messages ("the clip", "the redacted rendition").
 * @example await uploadVideo(session, { …, original: fileReader('clip.mp4', manifest.original, 'the clip') })
 */
export function fileReader(path: string, expected: FileDigest, what: string): VideoFileReader {
  const changed = (how: string) =>
    new VideoError('file_changed', `${what} changed while it was being sent (${how}): the upload is abandoned; upload it again once the file is final`);
  return {
    bytes: expected.bytes,
    async *chunks(chunkBytes: number): AsyncIterable<Uint8Array> {
      if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > MAX_SEND_CHUNK_BYTES)
        throw new Error(`the gateway asked for chunks of ${chunkBytes} bytes; the tool sends chunks of 1 to ${MAX_SEND_CHUNK_BYTES} bytes`);
      const file = await open(path, 'r');
      try {
        const size = (await file.stat()).size;
        if (size !== expected.bytes) throw changed(`${size} bytes instead of ${expected.bytes}`);
        const hash = createHash('sha256');
        const buffer = new Uint8Array(chunkBytes);
        for (let at = 0; at < expected.bytes; ) {
          const want = Math.min(chunkBytes, expected.bytes - at);
          if ((await readFully(file, buffer, want, at)) < want) throw changed('it became shorter');
          const chunk = buffer.subarray(0, want);
          hash.update(chunk);
          at += want;
          if (at === expected.bytes) {
            // The last chunk goes only once the whole file is known to be the one described.
            if ((await readFully(file, new Uint8Array(1), 1, at)) > 0) throw changed('it became longer');
            if (hash.digest('hex') !== expected.sha256) throw changed('its content differs from what was redacted');
          }
          yield chunk;
        }
      } finally {
        await file.close();
      }
    },
  };
}
