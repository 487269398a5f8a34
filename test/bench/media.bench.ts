/**
 * Media benchmark (`npm run bench:media`): what the blurred rendition costs and what a photo costs
 * end to end.
 *
 * - In process (Node, the same V8 as workerd): decode + blur + encode of PNGs from a 96 × 96
 *   portrait to a 2048 × 2048 picture (the largest the gateway decodes), beside decode + encode
 *   alone: the ratio is the blur's share.
 * - Through a local gateway: uploading a portrait (`PUT /v1/ingest/media`: strip, decode, blur,
 *   encode, seal, store) beside ingesting one person record; fetching a flagged photo (blurred) and an
 *   unflagged one (original) with `POST /v1/media`, opened and verified by the partner SDK, beside
 *   fetching the case that names them; and loading the demo's 300 pictures.
 */
import { generateClientKeys, GatewaySession, PartnerClient, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { demoMedia, generateDataset } from '@need2know/demo-data';
import { blurImage } from '../../gateway/src/services/media/blur.js';
import { decodePng, encodePng, type RgbaImage } from '@need2know/png';
import { portrait } from '../../gateway/src/services/media/test-fixtures.js';
import { loadMedia } from '../../scripts/lib/bulk-load.js';
import { startLocalGateway } from '../support/local-gateway.js';
import { compare, environment, report, type ReportRow } from './lib/measure.js';
import { benchPhotoRedaction } from './lib/photo-redaction.js';

const PORT = 8851;
const LIMIT = { maxPixels: 2048 * 2048 };

/** A photo-like synthetic picture: gradients, shapes and noise (compresses like a photo, not like a cartoon). */
function picture(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  let s = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) >>> 0;
      const n = (s >>> 27) - 16;
      const disc = Math.hypot(x - width / 2, y - height / 2) < Math.min(width, height) / 4;
      data.set(
        [(disc ? 210 : (x * 255) / width) + n, (disc ? 170 : (y * 255) / height) + n, 120 + n, 255].map((v) => Math.max(0, Math.min(255, v))),
        (y * width + x) * 4,
      );
    }
  }
  return { width, height, data };
}

const rows: ReportRow[] = [];
for (const [label, image] of [
  ['96 × 96 portrait', portrait()],
  ['640 × 480', picture(640, 480)],
  ['1600 × 1200', picture(1600, 1200)],
  ['2048 × 2048', picture(2048, 2048)],
] as const) {
  const png = await encodePng(image);
  const big = image.width * image.height > 1_000_000;
  const opts = big ? { minMs: 3000, warmupMs: 0, rounds: 1 } : { minMs: 800, warmupMs: 200, rounds: 3 };
  rows.push(
    await compare(
      { name: `${label} (${(png.length / 1024).toFixed(0)} KB): decode + blur + encode`, fn: async () => encodePng(blurImage(await decodePng(png, LIMIT))) },
      { name: 'decode + encode', fn: async () => encodePng(await decodePng(png, LIMIT)) },
      opts,
    ),
  );
}
console.log(`Environment: ${environment()}\n`);
report(rows, { title: 'Blurred rendition (in process)' });

const local = await startLocalGateway(PORT);
try {
  const url = local.gateway.url;
  const [po1, po2] = local.officers;
  if (po1 === undefined || po2 === undefined) throw new Error('two officers are needed');
  const owner = await generateClientKeys();
  const partner = await generateClientKeys();
  await po1.post('/agencies', { id: 'bench-police', name: 'Benchmark police' });
  await po1.post('/agencies', { id: 'bench-justice', name: 'Benchmark justice' });
  await local.registerClient({
    id: 'bench-owner',
    kind: 'data_owner',
    agency_id: 'bench-police',
    name: 'Loader',
    signing_jwks: { keys: [owner.public.signing] },
    encryption_jwk: publicJwkOf(owner.private.encryption),
    ingest_types: ['person', 'case'],
  });
  await local.registerClient({
    id: 'bench-partner',
    kind: 'partner',
    agency_id: 'bench-justice',
    name: 'Justice',
    signing_jwks: { keys: [partner.public.signing] },
    encryption_jwk: publicJwkOf(partner.private.encryption),
  });
  await po1.post('/purposes', {
    id: 'bench-cases',
    title: 'Benchmark cases with evidence',
    legal_basis: 'Benchmark only',
    rules: {
      case: { case_number: 'clear', evidence: 'clear', persons: 'clear' },
      person: { name_latin: 'clear', date_of_birth: 'generalised', photo_ref: 'clear' },
    },
    actions: ['fetch'],
    agencies: ['bench-justice'],
    requests_per_minute: 100_000,
    persons_per_hour: 1_000_000,
    // Measured as before: without a stated reason on each request (the default for a purpose about persons is to require one).
    reason_required: false,
  });
  await local.openGrant({ purpose_id: 'bench-cases', agency_id: 'bench-justice', data_life_seconds: 1800 });

  const loader = await GatewaySession.open({
    issuer: url,
    clientId: 'bench-owner',
    signingKey: await signingKeyFromJwk(owner.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['person', 'case'] }] },
    renewBefore: 120,
  });
  const data = generateDataset({ seed: 'bench-media', persons: 1_000 });
  const post = async (type: string, records: unknown[]) => {
    const res = await loader.fetch(`/v1/ingest/${type}`, {
      method: 'POST',
      body: JSON.stringify({ records }),
      headers: { 'content-type': 'application/json' },
    });
    if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  };
  for (let i = 0; i < 1_000; i += 250) await post('person', [...data.persons].slice(i, i + 250));
  for (let i = 0; i < 2_000; i += 250) await post('case', [...data.cases].slice(i, i + 250));

  const items = demoMedia(data);
  const started = performance.now();
  await loadMedia(loader, items, { label: '  media' });
  const loadSeconds = (performance.now() - started) / 1000;

  // One case with a flagged and an unflagged evidence photo among the uploaded ones (not marked sensitive: the grant has no leadership approval for those).
  const cases = items.filter((m) => m.recordType === 'case');
  const flaggedCase = [...data.cases].find((c) => {
    if (c.sensitivity === 'sensitive') return false;
    const photos = (c.evidence ?? []).filter((e) => e.kind === 'photo' && cases.some((m) => m.ref === e.media_ref));
    return (
      photos.some((e) => e.shows_minor || e.shows_restrained || e.shows_victim === true || e.shows_witness === true) &&
      photos.some((e) => !e.shows_minor && !e.shows_restrained && e.shows_victim !== true && e.shows_witness !== true)
    );
  });
  if (flaggedCase === undefined) throw new Error('no case with both a flagged and an unflagged photo among the uploads');
  const photos = (flaggedCase.evidence ?? []).filter((e) => e.kind === 'photo');
  const flagged = photos.find((e) => e.shows_minor || e.shows_restrained || e.shows_victim === true || e.shows_witness === true)?.media_ref as string;
  const plain = photos.find((e) => !e.shows_minor && !e.shows_restrained && e.shows_victim !== true && e.shows_witness !== true)?.media_ref as string;

  const client = await PartnerClient.connect({
    issuer: url,
    clientId: 'bench-partner',
    signingJwk: partner.private.signing,
    encryptionJwk: partner.private.encryption,
    purpose: 'bench-cases',
  });
  const opts = { minMs: 3000, warmupMs: 300, rounds: 3 };
  const fetchCase = { name: `fetch the case (GET /v1/records/case/…)`, fn: () => client.fetchRecord('case', flaggedCase.id) };
  const blurred = await compare(
    {
      name: 'flagged photo, blurred (POST /v1/media)',
      fn: async () => {
        if ((await client.fetchMedia(flagged)).rendition !== 'blurred') throw new Error('not blurred');
      },
    },
    fetchCase,
    opts,
  );
  const original = await compare(
    {
      name: 'unflagged photo, original (POST /v1/media)',
      fn: async () => {
        if ((await client.fetchMedia(plain)).rendition !== 'original') throw new Error('not original');
      },
    },
    fetchCase,
    opts,
  );

  // Uploads: one portrait at a time (re-uploading replaces it), beside one person record at a time.
  const first = items[0];
  if (first === undefined) throw new Error('no media');
  const portraitPng = await first.png();
  const upload = async () => {
    const form = new FormData();
    form.set('record_type', first.recordType);
    form.set('record_id', first.recordId);
    form.set('ref', first.ref);
    form.set('original', new Blob([portraitPng.slice()], { type: 'image/png' }), 'original');
    const res = await loader.fetch('/v1/ingest/media', { method: 'PUT', body: form });
    if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const person = data.personAt(0);
  const ingestOne = async () => post('person', [person]);
  const uploads = await compare(
    { name: `upload a 96 × 96 portrait (${(portraitPng.length / 1024).toFixed(1)} KB)`, fn: upload },
    { name: 'ingest one person record', fn: ingestOne },
    opts,
  );

  console.log(`\nEnvironment: ${environment()}; gateway: wrangler dev (workerd), local D1; one request at a time\n`);
  report(
    [
      blurred,
      original,
      uploads,
      {
        subject: {
          name: `load the demo's ${items.length} pictures (items/s, 4 in flight)`,
          opsPerSec: items.length / loadSeconds,
          iterations: items.length,
          async: false,
        },
      },
    ],
    { title: 'Media through the gateway' },
  );
} finally {
  await local.close();
}

report(await benchPhotoRedaction(PORT + 1), { title: 'Face redaction per photo, inside workerd (bench Worker)' });
