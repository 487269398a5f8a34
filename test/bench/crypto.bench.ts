/**
 * Field-encryption benchmark: the @need2know/crypto envelope against the raw primitives it wraps,
 * measured in the same run with interleaved rounds. Run with `npm run bench:crypto`; the figures
 * go to BENCHMARKS.md ("Field encryption").
 *
 * - `sealField` / `openFieldText` for a 40-byte field and a 1 KB narrative, beside raw noble
 *   `xchacha20poly1305` on the same bytes (fresh random nonce each time, no additional data, no
 *   text or base64 encoding), and WebCrypto AES-256-GCM (async, fresh IV) beside the same baseline;
 * - `blindIndex` beside raw noble HMAC-SHA256 over the same value.
 *
 * Target: the envelope costs at most 2× raw noble per field.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { KeyRing, blindIndex, openField, openFieldText, sealField } from '@need2know/crypto';
import { compare, environment, report, type ReportRow } from './lib/measure.js';

const TARGET = 2;
const ring = new KeyRing(crypto.getRandomValues(new Uint8Array(32)), { currentVersion: 1 });
const ctx = { owner: 'police', recordType: 'person', recordId: '01J9Z8Q4W6X2M5T7R3K1N0B8CD', field: 'name_latin', fieldClass: 'identity' };

// A 40-byte field (a full name with place of birth) and a 1 KB narrative, as the gateway seals them.
const SHORT = 'Sok Dara Chanthou, born Kampong Cham 199';
const NARRATIVE = 'Witness statement: the complainant reported that on the evening of the incident a '.repeat(13).slice(0, 1024);
const te = new TextEncoder();

const rawKey = crypto.getRandomValues(new Uint8Array(32));
const aesKey = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
const withinTarget = (row: ReportRow): ReportRow => ({
  ...row,
  note: (row.ratio ?? Infinity) <= TARGET ? `target ≤ ${TARGET}× met` : `target ≤ ${TARGET}× MISSED`,
});

const rows: ReportRow[] = [];
for (const [label, text] of [
  ['40 B field', SHORT],
  ['1 KB narrative', NARRATIVE],
] as const) {
  const bytes = te.encode(text);
  if (openFieldText(ring, ctx, sealField(ring, ctx, text)) !== text) throw new Error('round trip failed');

  const rawSeal = { name: `raw noble seal, ${label}`, fn: () => xchacha20poly1305(rawKey, crypto.getRandomValues(new Uint8Array(24))).encrypt(bytes) };
  const nonce = crypto.getRandomValues(new Uint8Array(24));
  const rawSealed = xchacha20poly1305(rawKey, nonce).encrypt(bytes);
  const rawOpen = { name: `raw noble open, ${label}`, fn: () => xchacha20poly1305(rawKey, nonce).decrypt(rawSealed) };
  const envelope = sealField(ring, ctx, text);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const gcmSealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aesKey, bytes);

  rows.push(withinTarget(await compare({ name: `sealField, ${label}`, fn: () => sealField(ring, ctx, text) }, rawSeal)));
  rows.push(withinTarget(await compare({ name: `openFieldText, ${label}`, fn: () => openFieldText(ring, ctx, envelope) }, rawOpen)));
  rows.push(withinTarget(await compare({ name: `openField (bytes), ${label}`, fn: () => openField(ring, ctx, envelope) }, rawOpen)));
  rows.push(
    await compare(
      {
        name: `WebCrypto AES-256-GCM seal, ${label}`,
        fn: () => crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, aesKey, bytes),
      },
      rawSeal,
      { note: 'async, awaited one at a time' },
    ),
  );
  rows.push(
    await compare({ name: `WebCrypto AES-256-GCM open, ${label}`, fn: () => crypto.subtle.decrypt({ name: 'AES-GCM', iv }, aesKey, gcmSealed) }, rawOpen, {
      note: 'async, awaited one at a time',
    }),
  );
}

const hmacKey = crypto.getRandomValues(new Uint8Array(32));
const phone = '+85512345678';
const rawHmac = (value: string) => ({ name: `raw noble HMAC-SHA256, ${te.encode(value).length} B`, fn: () => hmac(sha256, hmacKey, te.encode(value)) });
rows.push(await compare({ name: 'blindIndex, phone', fn: () => blindIndex(ring, { recordType: 'person', search: 'phone' }, [phone]) }, rawHmac(phone)));
rows.push(
  await compare(
    { name: 'blindIndex, name + date of birth', fn: () => blindIndex(ring, { recordType: 'person', search: 'name_dob' }, ['sok dara', '1990-04-17']) },
    rawHmac('sok dara1990-04-17'),
  ),
);

console.log(`Environment: ${environment()}\n`);
report(rows, { title: 'Field encryption' });
