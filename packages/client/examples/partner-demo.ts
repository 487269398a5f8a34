/**
 * A partner agency's system using the SDK against the local demo gateway (`npm start` first):
 * the health ministry's tracers search a person by phone and fetch the record, then the provincial
 * police check red notices, and the justice ministry's case reviewers fetch a case and its evidence
 * photos (blurred where flagged) and find that a case marked sensitive is, for them, not there (the
 * demo grant has no leadership approval for sensitive cases) — every answer decrypted,
 * signature-verified and bound to its request.
 *
 *   npm run example:partner
 */
import { demoMedia, generateDataset } from '@need2know/demo-data';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartnerClient } from '../src/index.js';

interface Credentials {
  issuer: string;
  clients: { client_id: string; signing_jwk: Record<string, unknown>; encryption_jwk: Record<string, unknown> }[];
}

const credentials = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '.local', 'demo', 'credentials.json'), 'utf8')) as Credentials;
const creds = (id: string) => {
  const c = credentials.clients.find((x) => x.client_id === id);
  if (c === undefined) throw new Error(`${id} is not in the demo credentials`);
  return { issuer: credentials.issuer, clientId: c.client_id, signingJwk: c.signing_jwk, encryptionJwk: c.encryption_jwk };
};

// The demo dataset is deterministic: the first demo person's phone, as a tracer might have it.
const someone = generateDataset().personAt(0);

const tracers = await PartnerClient.connect({ ...creds('moh-tracing-app'), purpose: 'covid-contact-tracing' });
const found = await tracers.search('person', 'phone', { phone: String(someone.phone) });
console.log(`tracers: search by phone → ${found.records?.length ?? 0} record(s) under grant ${found.grant}`);
console.log(JSON.stringify(found.records, null, 2));

const record = await tracers.fetchRecord('person', someone.id);
console.log(`tracers: fetch ${someone.id} → fields ${Object.keys(record.records?.[0] ?? {}).join(', ')} (modes: ${JSON.stringify(record.disclosure)})`);

const police = await PartnerClient.connect({ ...creds('pp-commissariat-app'), purpose: 'red-notice-check' });
const check = await police.check('red_notice', { national_id: String(someone.national_id) });
console.log(`police: is ${someone.id} under a red notice? ${check.answer ? 'yes' : 'no'}`);

// Evidence photos: the first demo case (not marked sensitive) whose photos were uploaded with the demo data.
const reviewers = await PartnerClient.connect({ ...creds('moj-case-review'), purpose: 'justice-case-review' });
const dataset = generateDataset();
const sensitiveCases = new Set<string>();
for (const c of dataset.cases) if (c.sensitivity === 'sensitive') sensitiveCases.add(c.id);
const withPhotos = demoMedia(dataset).find((m) => m.recordType === 'case' && !sensitiveCases.has(m.recordId));
if (withPhotos !== undefined) {
  const reviewed = await reviewers.fetchRecord('case', withPhotos.recordId);
  const evidence = (reviewed.records?.[0]?.['evidence'] ?? []) as { media_ref: string; kind: string }[];
  for (const [n, item] of evidence.filter((e) => e.kind === 'photo').entries()) {
    // The reference as the record gives it: `…#blurred` for flagged photos.
    const photo = await reviewers.fetchMedia(item.media_ref).catch((err: unknown) => err as Error);
    if (photo instanceof Error) {
      console.log(`justice: ${item.media_ref} → ${photo.message}`);
      continue;
    }
    const file = join(
      import.meta.dirname,
      '..',
      '..',
      '..',
      '.local',
      'demo',
      `evidence-${n + 1}-${photo.rendition}.${photo.contentType === 'image/png' ? 'png' : 'jpg'}`,
    );
    writeFileSync(file, photo.bytes);
    console.log(`justice: ${item.media_ref} → ${photo.rendition} ${photo.contentType}, ${photo.bytes.length} bytes (saved to ${file})`);
  }
}

// A case marked sensitive needs two leadership approvals on the grant: without them it is answered like a missing one.
const [sensitive] = sensitiveCases;
if (sensitive !== undefined) {
  const hidden = await reviewers.fetchRecord('case', sensitive).catch((err: unknown) => err as Error);
  console.log(
    `justice: sensitive case ${sensitive} → ${hidden instanceof Error ? hidden.message : 'disclosed (the grant has leadership approval for sensitive cases)'}`,
  );
}
