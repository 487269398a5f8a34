import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ExportedEntry, ExportFrame } from '@need2know/audit';
import type { AppEnv } from '../app-env.js';
import { auditLog, auditOrigin } from '../../services/access/audit.js';
import { Problem } from '../../platform/errors/problem.js';
import { requireAccessToken } from '../middleware/access-token.js';
import { adminProblems, jsonOk } from './admin/responses.js';
import { validationHook } from './validation-hook.js';

export { auditOrigin };

const Size = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 40);

const key = createRoute({
  method: 'get',
  path: '/audit/key',
  tags: ['audit'],
  summary: 'The log origin and the verifier key (signed-note vkey) that checks its checkpoints',
  responses: { 200: jsonOk(z.object({ origin: z.string(), vkey: z.string() }).openapi('AuditKey'), 'Verifier key') },
});
const checkpoint = createRoute({
  method: 'get',
  path: '/audit/checkpoint',
  tags: ['audit'],
  summary:
    'The latest signed checkpoint (c2sp.org/tlog-checkpoint): tree size and root hash. The gateway signs one a minute when the log grew; reading never makes one',
  responses: { 200: { description: 'Signed note', content: { 'text/plain': { schema: z.string() } } } },
});
const consistency = createRoute({
  method: 'get',
  path: '/audit/proofs/consistency',
  tags: ['audit'],
  summary: 'RFC 9162 consistency proof between two tree sizes: the log only ever grew',
  request: { query: z.object({ from: Size, to: Size }) },
  responses: { 200: jsonOk(z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) }), 'Proof (base64 hashes)'), ...adminProblems },
});
const inclusion = createRoute({
  method: 'get',
  path: '/audit/proofs/inclusion',
  tags: ['audit'],
  summary: 'An entry and its RFC 9162 inclusion proof in the tree of `size` entries (privacy officers)',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('admin')] as const,
  request: { query: z.object({ index: Size, size: Size }) },
  responses: {
    200: jsonOk(z.object({ index: z.number(), size: z.number(), entry: z.record(z.string(), z.unknown()), proof: z.array(z.string()) }), 'Entry and proof'),
    ...adminProblems,
  },
});
const exportRoute = createRoute({
  method: 'get',
  path: '/audit/export',
  tags: ['audit'],
  summary: 'A signed segment of the log for oversight bodies, verifiable offline (`n2k audit verify`)',
  description:
    'Streamed page by page, frame first (format, origin, start, end, checkpoints, consistency) and `entries` last, so that a log of millions of entries is exported and verified in bounded memory. ' +
    'Without `to`, the whole log up to its size when the export starts. One answer carries at most 25,000 entries: when it stops short, the header `n2k-export-next` says where the next part starts; ' +
    'ask for it with `from` set to it and `anchor` set to the `n2k-export-anchor` header, and every part is proven in the same checkpoint.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('admin')] as const,
  request: {
    query: z.object({
      from: Size.default(0),
      to: Size.optional(),
      since: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Time range instead of indices: entries at or after this instant…' }),
      until: z.iso.datetime({ offset: true }).optional().openapi({ description: '…and before this one' }),
      anchor: Size.optional().openapi({
        description: 'Continue an export: prove in the checkpoint of this size (the `n2k-export-anchor` header of the first part)',
      }),
    }),
  },
  responses: { 200: jsonOk(z.record(z.string(), z.unknown()).openapi('AuditExport'), 'need2know-audit-export/v1'), ...adminProblems },
});

/**
 * Most entries one export answer carries (≈ 25–60 MB, seconds to send). A longer export comes in
 * parts, each a complete export proven in the same checkpoint: an answer that stopped short says
 * where to go on (`n2k-export-next`) and in which checkpoint (`n2k-export-anchor`, passed back as
 * `anchor`); `n2k audit export` joins the parts into one file. No answer then lasts minutes, and a
 * part cut short (a dropped connection, a redeployed Worker) is asked again from where it stopped.
 */
export const EXPORT_PART_ENTRIES = 25_000;

/**
 * The export as one JSON document streamed page by page: the frame first (so a reader can verify each
 * entry as it arrives), then `entries`, one page of the log object at a time. Memory and every call to
 * the log object stay bounded whatever the size of the log. A failure mid-way truncates the document,
 * which then fails to parse: never a shorter export that verifies.
 */
function streamExport(log: ReturnType<typeof auditLog>, frame: ExportFrame): Response {
  const { anchor, ...whole } = frame;
  // One answer carries at most EXPORT_PART_ENTRIES; the headers say how to fetch the rest.
  const head = { ...whole, end: Math.min(whole.end, whole.start + EXPORT_PART_ENTRIES) };
  const encoder = new TextEncoder();
  let next = head.start;
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"entries":[\n`));
    },
    async pull(controller) {
      if (next >= head.end) {
        controller.enqueue(encoder.encode(']}\n'));
        controller.close();
        return;
      }
      // RPC flattens the declared type; the object returns plain JSON.
      const page = (await log.exportPage(next, head.end, anchor)) as { entries: ExportedEntry[]; next: number };
      if (page.next <= next) throw new Error('export page made no progress');
      controller.enqueue(encoder.encode(`${first ? '' : ',\n'}${page.entries.map((e) => JSON.stringify(e)).join(',\n')}`));
      first = false;
      next = page.next;
    },
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'n2k-export-anchor': String(anchor),
    'n2k-export-end': String(whole.end),
  };
  if (head.end < whole.end) headers['n2k-export-next'] = String(head.end);
  return new Response(body, { status: 200, headers });
}

/** `/v1/audit/*`: the tamper-evident log, its checkpoints and proofs. */
export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(key, async (c) =>
    c.json({ origin: auditOrigin(c.env.N2K_PUBLIC_URL), vkey: await auditLog(c.env).verifierKey(auditOrigin(c.env.N2K_PUBLIC_URL)) }, 200),
  )
  .openapi(checkpoint, async (c) =>
    c.text(await auditLog(c.env).latestCheckpoint(auditOrigin(c.env.N2K_PUBLIC_URL), c.var.now), 200, { 'cache-control': 'no-store' }),
  )
  .openapi(consistency, async (c) => {
    const { from, to } = c.req.valid('query');
    const proof = await auditLog(c.env).consistency(from, to);
    if (proof === null) throw new Problem(400, 'validation_failed', 'Sizes must satisfy 1 ≤ from ≤ to ≤ the log size.');
    return c.json({ from, to, proof }, 200);
  })
  .openapi(inclusion, async (c) => {
    const { index, size } = c.req.valid('query');
    // RPC flattens the declared type of `entry`; the object returns it as plain JSON.
    const found = (await auditLog(c.env).inclusion(index, size)) as { entry: Record<string, unknown>; proof: string[] } | null;
    if (found === null) throw new Problem(404, 'not_found');
    return c.json({ index, size, entry: found.entry, proof: found.proof }, 200);
  })
  .openapi(exportRoute, async (c) => {
    const { from, to, since, until, anchor } = c.req.valid('query');
    const log = auditLog(c.env);
    let start = from;
    let end = to ?? (await log.size());
    if (since !== undefined || until !== undefined) {
      const range = await log.indexRange(
        since === undefined ? 0 : Math.floor(Date.parse(since) / 1000),
        until === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(Date.parse(until) / 1000),
      );
      if (range === null) throw new Problem(404, 'not_found', 'No entries in this time range.');
      ({ start, end } = range);
    }
    if (end < start) throw new Problem(400, 'validation_failed', '`to` must not be below `from`.');
    const frame = (await log.exportFrame(auditOrigin(c.env.N2K_PUBLIC_URL), start, end, c.var.now, anchor)) as ExportFrame | null;
    if (frame === null) throw new Problem(400, 'validation_failed', '`anchor` is not the size of a checkpoint of this log.');
    return streamExport(log, frame) as never;
  });
