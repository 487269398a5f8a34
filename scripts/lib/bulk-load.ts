/**
 * The bulk loader: streams records (from NDJSON files or a generator) to `POST /v1/ingest/{type}`
 * in batches, a few in flight, with a progress line and records per second. Re-sending a record is
 * a no-op at the gateway, and a checkpoint file remembers how far a file got, so an interrupted load
 * resumes where it stopped.
 */
import { GatewayError, sendRetryingUnavailable, type GatewaySession, type UnavailableRetry } from '@need2know/client';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface LoadOptions {
  readonly batchSize?: number;
  readonly concurrency?: number;
  /** Records to skip at the start (resuming). */
  readonly skip?: number;
  /** Expected number of records, for the progress bar. */
  readonly total?: number;
  /** Called after each contiguous prefix of records is stored (for checkpoints). */
  readonly onCommitted?: (records: number) => void;
  readonly label?: string;
}

export interface LoadReport {
  readonly records: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly seconds: number;
}

/** Prints one progress line, redrawn in place on a terminal. */
function progress(label: string, done: number, total: number | undefined, started: number, final = false): void {
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  const width = 24;
  const bar = total === undefined ? '' : `[${'#'.repeat(Math.round((done / total) * width)).padEnd(width, '-')}] ${Math.floor((done / total) * 100)}% `;
  const line = `${label.padEnd(18)} ${bar}${done.toLocaleString('en-US')}${total === undefined ? '' : `/${total.toLocaleString('en-US')}`} records  ${rate.toLocaleString('en-US')} rec/s`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}${final ? '\n' : ''}`);
  else if (final) console.log(line);
}

/**
 * Attempts of one request the gateway answers 503 Service Unavailable: a local `wrangler dev` drops
 * one now and then under load, and a deployed gateway answers 503 while it is not ready. Sending
 * again is harmless here: a record sent again is a no-op at the gateway and a picture sent again
 * replaces itself.
 */
export const UNAVAILABLE_ATTEMPTS = 4;
/** A bulk load waits 1 s, 2 s, 4 s (or what `Retry-After` asks, up to 10 s): it waits, it does not stall. */
const UNAVAILABLE_RETRY: UnavailableRetry = { attempts: UNAVAILABLE_ATTEMPTS, firstRetryMs: 1_000, maxRetryAfterS: 10 };

/** {@link sendRetryingUnavailable} as a bulk load retries. */
const sendRetryingUnavailableBulk = (send: () => Promise<Response>): Promise<Response> => sendRetryingUnavailable(send, UNAVAILABLE_RETRY);

/** Loads `records` of `type` through `session` (a data owner's `record_ingest` session). */
export async function loadRecords(
  session: GatewaySession,
  type: string,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: LoadOptions = {},
): Promise<LoadReport> {
  const { batchSize = 250, concurrency = 2, skip = 0, total, onCommitted, label = type } = options;
  const started = Date.now();
  const totals = { created: 0, updated: 0, unchanged: 0 };
  const inFlight = new Set<Promise<void>>();
  const done = new Map<number, number>(); // batch start → size, for contiguous checkpoints
  let committed = skip;
  let sent = skip;
  let index = 0;
  let batch: unknown[] = [];
  let failure: unknown;

  const send = (start: number, records: unknown[]) => {
    const task = (async () => {
      const batchJson = JSON.stringify({ records });
      const res = await sendRetryingUnavailableBulk(() =>
        session.fetch(`/v1/ingest/${type}`, { method: 'POST', body: batchJson, headers: { 'content-type': 'application/json' } }),
      );
      if (!res.ok) {
        const error = await GatewayError.from(res);
        (error as GatewayError & { firstRecord?: number }).firstRecord = start;
        throw error;
      }
      const body = (await res.json()) as { created: number; updated: number; unchanged: number };
      totals.created += body.created;
      totals.updated += body.updated;
      totals.unchanged += body.unchanged;
      done.set(start, records.length);
      while (done.has(committed)) {
        const size = done.get(committed) as number;
        done.delete(committed);
        committed += size;
      }
      onCommitted?.(committed);
      progress(label, committed, total, started);
    })();
    const tracked = task.catch((err: unknown) => {
      failure ??= err;
    });
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };

  for await (const record of records) {
    if (index++ < skip) continue;
    batch.push(record);
    if (batch.length === batchSize) {
      send(sent, batch);
      sent += batch.length;
      batch = [];
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (failure !== undefined) break;
    }
  }
  if (failure === undefined && batch.length > 0) send(sent, batch);
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  progress(label, committed, total, started, true);
  return { records: committed - skip, ...totals, seconds: (Date.now() - started) / 1000 };
}

/** The records of an NDJSON file, one per non-empty line. */
export async function* ndjsonRecords(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as unknown;
    } catch {
      throw new Error(`${path}:${n}: not JSON`);
    }
  }
}

/** Counts the non-empty lines of a file (for the progress bar). */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) if (line.trim() !== '') n++;
  return n;
}

/** A checkpoint of a file load: valid only for the same file, size and modification time. */
interface Checkpoint {
  file: string;
  size: number;
  mtimeMs: number;
  records: number;
}

/** Records of `path` already stored by an earlier, interrupted load (0 when none or the file changed). */
export function readCheckpoint(checkpointPath: string, path: string): number {
  if (!existsSync(checkpointPath)) return 0;
  const c = JSON.parse(readFileSync(checkpointPath, 'utf8')) as Checkpoint;
  const s = statSync(path);
  return c.file === path && c.size === s.size && c.mtimeMs === s.mtimeMs ? c.records : 0;
}

export function writeCheckpoint(checkpointPath: string, path: string, records: number): void {
  const s = statSync(path);
  writeFileSync(checkpointPath, JSON.stringify({ file: path, size: s.size, mtimeMs: s.mtimeMs, records } satisfies Checkpoint));
}

/** One picture for `PUT /v1/ingest/media`: the record that names it, its reference, and its file. */
export interface MediaToLoad {
  readonly recordType: string;
  readonly recordId: string;
  readonly ref: string;
  readonly contentType: string;
  png(): Promise<Uint8Array>;
}

/**
 * Uploads pictures through `session` (a data owner's `record_ingest` session), `concurrency` at a
 * time, after the records that name them. Re-uploading replaces an item, so a re-run is harmless,
 * and a picture answered 503 is sent again (`sendRetryingUnavailableBulk`).
 * In the report, `created` are new items and `updated` replaced ones.
 */
export async function loadMedia(
  session: GatewaySession,
  items: readonly MediaToLoad[],
  options: { concurrency?: number; label?: string } = {},
): Promise<LoadReport> {
  const { concurrency = 4, label = 'media' } = options;
  const started = Date.now();
  const totals = { created: 0, updated: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i] as MediaToLoad;
      const picture = new Blob([(await item.png()).slice()], { type: item.contentType });
      const res = await sendRetryingUnavailableBulk(() => {
        const form = new FormData();
        form.set('record_type', item.recordType);
        form.set('record_id', item.recordId);
        form.set('ref', item.ref);
        form.set('original', picture, 'original');
        return session.fetch('/v1/ingest/media', { method: 'PUT', body: form });
      });
      if (!res.ok) throw await GatewayError.from(res);
      const { outcome } = (await res.json()) as { outcome: 'created' | 'replaced' };
      if (outcome === 'created') totals.created++;
      else totals.updated++;
      progress(label, ++done, items.length, started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  progress(label, done, items.length, started, true);
  return { records: done, created: totals.created, updated: totals.updated, unchanged: 0, seconds: (Date.now() - started) / 1000 };
}
