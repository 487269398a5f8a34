import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { canonicalEntryBytes } from './canonical-entry-bytes.js';
import {
  adminEntry,
  disclosureEntry,
  ingestEntry,
  limitedEntry,
  mediaIngestEntry,
  mediaRegionsEntry,
  mediaUploadCancelledEntry,
  statsReleaseEntry,
  viewerEntry,
} from './entry-builders.js';
import { documentedShapes, shapeProblems } from './format-fields.js';
import type { LogEntry } from './log-entry.js';

const format = readFileSync(new URL('../../FORMAT.md', import.meta.url), 'utf8');
const shapes = documentedShapes(format);

const disclosure = {
  id: 'dsc_1',
  at: 1_760_000_000,
  clientId: 'moh-tracer',
  agencyId: 'ministry-of-health',
  purposeId: 'contact-tracing',
  grantId: 'grt_1',
  action: 'fetch',
  recordType: 'person',
  subjects: ['psn_a', 'psn_b'],
  fields: { name_latin: 'clear', phone: 'masked' },
  requestHash: 'req',
  responseHash: 'res',
  outcome: 'disclosed',
} as const;
const actor = { id: 'vwe_1', at: 1_760_000_000, officer: 'officer-1', agency: 'ministry-of-health', purpose: 'contact-tracing', grant: 'grt_1' };

/** One entry of every documented shape the audit package builds (tokens: `@need2know/policy`, see test/node). */
const built: Record<string, LogEntry> = {
  disclosure: disclosureEntry(disclosure),
  ingest: ingestEntry({
    at: 1,
    clientId: 'moi-system',
    owner: 'ministry-of-interior',
    recordType: 'person',
    received: 3,
    created: 1,
    updated: 1,
    unchanged: 1,
    records: ['psn_v1', 'psn_v2'],
  }),
  media_ingest: mediaIngestEntry({
    at: 1,
    clientId: 'moi-system',
    owner: 'ministry-of-interior',
    recordType: 'crime_case',
    records: ['psn_r'],
    field: 'evidence',
    contentType: 'image/png',
    bytes: 2048,
    blurredBy: 'gateway',
    redaction: 'redacted',
    faces: 2,
    outcome: 'created',
  }),
  media_regions: mediaRegionsEntry({
    at: 1,
    clientId: 'moi-system',
    owner: 'ministry-of-interior',
    recordType: 'case',
    records: ['psn_r'],
    field: 'evidence',
    regions: [{ x: 10, y: 20, width: 120, height: 30, reason: 'plate', note_hash: null }],
    removedFaces: [{ face: 1, reason: 'other', note_hash: 'hsh_note' }],
    redaction: 'redacted',
  }),
  media_upload_cancelled: mediaUploadCancelledEntry({
    at: 1,
    clientId: 'moi-system',
    owner: 'ministry-of-interior',
    recordType: 'case',
    records: ['psn_r'],
    field: 'evidence',
    uploadId: '0123456789abcdef0123456789abcdef',
    manifestSha256: 'a'.repeat(64),
    chunks: 3,
    bytes: 1_200_000,
  }),
  stats_release: statsReleaseEntry({
    id: 'rel_1',
    at: 1,
    consumer: 'public',
    purpose: 'public-statistics',
    client: null,
    grant: null,
    table: 'crime_by_commune',
    parameters: { year: 2026, province: null },
    protection: { method: 'laplace', epsilon_micro: 500_000 },
    cells: 12,
    withheld: 2,
    responseHash: 'res',
  }),
  'viewer/view': viewerEntry(actor, { event: 'view', view: 'vw_1', disclosure: 'dsc_1', record_type: 'person', epoch: 3 }),
  'viewer/view_refused': viewerEntry(actor, { event: 'view_refused', disclosure: 'dsc_1', epoch: 3, reason: 'key_destroyed' }),
  'viewer/blocked': viewerEntry(actor, { event: 'blocked', view: 'vw_1', counts: { copy: 2 } }),
  'viewer/reveal': viewerEntry(actor, { event: 'reveal', view: 'vw_1', media: 'med_1', reason_hash: 'rsn' }),
  'viewer/return': viewerEntry(actor, { event: 'return', view: 'vw_1', hidden_from: 10, hidden_to: 40 }),
  'viewer/copy': viewerEntry(actor, { event: 'copy', view: 'vw_1', record_type: 'health_case', field: 'phone' }),
  admin: adminEntry({
    seq: 7,
    at: 1,
    actor: 'po-1',
    action: 'grant.expire',
    targetType: 'grant',
    targetId: 'grt_1',
    detail: { not_after: 2 },
    prevHash: 'p',
    hash: 'h',
  }),
};

describe('log entries and FORMAT.md', () => {
  it('documents every kind the gateway writes, and nothing else', () => {
    expect([...shapes.keys()].sort()).toEqual([...Object.keys(built), 'token/issued', 'token/refused'].sort());
  });

  it.each(Object.entries(built))('%s: the builder writes exactly the documented fields', (key, entry) => {
    const shape = shapes.get(key);
    expect(shape).toBeDefined();
    expect(shapeProblems(entry, shape ?? { required: new Set(), optional: new Set() })).toEqual([]);
  });

  it('a disclosure with a stated reason and a trace carries the reference, the hash of the reason and the traceparent, all documented', () => {
    const stated = disclosureEntry({
      ...disclosure,
      reference: 'PP-2026-0412',
      reasonHash: 'psn_reason',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(shapeProblems(stated, shapes.get('disclosure') ?? { required: new Set(), optional: new Set() })).toEqual([]);
    expect(stated).toMatchObject({
      reference: 'PP-2026-0412',
      reason_hash: 'psn_reason',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    // None stated: the entry is the one written before stated reasons existed, byte for byte.
    const none = disclosureEntry({ ...disclosure, reference: null, reasonHash: null, traceparent: null });
    expect(canonicalEntryBytes(none)).toEqual(canonicalEntryBytes(disclosureEntry(disclosure)));
    for (const field of ['reference', 'reason_hash', 'traceparent']) expect(none).not.toHaveProperty(field);
  });

  it('a reveal of an original delivered as its copy at the working size names the rendition, documented as optional', () => {
    const scaled = viewerEntry(actor, { event: 'reveal', view: 'vw_1', media: 'med_1', reason_hash: 'rsn', rendition: 'scaled' });
    expect(shapeProblems(scaled, shapes.get('viewer/reveal') ?? { required: new Set(), optional: new Set() })).toEqual([]);
    expect(shapes.get('viewer/reveal')?.optional.has('rendition')).toBe(true);
  });

  it('a refused disclosure carries its limit, the one optional field of a refusal by a limit', () => {
    const refused = limitedEntry(disclosureEntry({ ...disclosure, subjects: [], responseHash: '', outcome: 'rate_limited' }), 'persons_per_hour');
    expect(shapeProblems(refused, shapes.get('disclosure') ?? { required: new Set(), optional: new Set() })).toEqual([]);
    expect(refused).toMatchObject({ outcome: 'rate_limited', limit: 'persons_per_hour', subjects: [] });
    expect(disclosureEntry({ ...disclosure, limit: 'requests_per_minute' })).toHaveProperty('limit', 'requests_per_minute');
    expect(built.disclosure).not.toHaveProperty('limit');
  });
});

describe('entry bytes', () => {
  it('a disclosure is the text and the canonical bytes the gateway wrote before the builders', () => {
    // As the gateway's disclosure log wrote it by hand: same keys, same order, so the stored text and the leaf hash are unchanged.
    const byHand = {
      kind: 'disclosure',
      id: 'dsc_1',
      at: 1_760_000_000,
      client: 'moh-tracer',
      agency: 'ministry-of-health',
      purpose: 'contact-tracing',
      grant: 'grt_1',
      action: 'fetch',
      record_type: 'person',
      subjects: ['psn_a', 'psn_b'],
      fields: { name_latin: 'clear', phone: 'masked' },
      request_hash: 'req',
      response_hash: 'res',
      outcome: 'disclosed',
    };
    expect(JSON.stringify(built.disclosure)).toBe(JSON.stringify(byHand));
    expect(canonicalEntryBytes(built.disclosure)).toEqual(canonicalEntryBytes(byHand));
  });

  it('an administrative event is `kind` first, then the chain row as the log object wrote it', () => {
    const row = {
      seq: 7,
      at: 1,
      actor: 'po-1',
      action: 'grant.expire',
      target_type: 'grant',
      target_id: 'grt_1',
      detail: { not_after: 2 },
      prev_hash: 'p',
      hash: 'h',
    };
    expect(JSON.stringify(built.admin)).toBe(JSON.stringify({ kind: 'admin', ...row }));
  });

  it('a viewer event follows the actor, as the viewer wrote it', () => {
    expect(JSON.stringify(built['viewer/blocked'])).toBe(
      JSON.stringify({
        kind: 'viewer',
        id: 'vwe_1',
        at: 1_760_000_000,
        officer: 'officer-1',
        agency: 'ministry-of-health',
        purpose: 'contact-tracing',
        grant: 'grt_1',
        event: 'blocked',
        view: 'vw_1',
        counts: { copy: 2 },
      }),
    );
  });

  it('an entry does not change when the caller later changes what it passed', () => {
    const subjects = ['psn_a'];
    const fields: Record<string, string> = { phone: 'masked' };
    const entry = disclosureEntry({ ...disclosure, subjects, fields });
    subjects.push('psn_b');
    fields.name = 'clear';
    expect(entry.subjects).toEqual(['psn_a']);
    expect(entry.fields).toEqual({ phone: 'masked' });
  });
});

describe('types', () => {
  it('tells entries apart by kind', () => {
    const entry = built.ingest as LogEntry;
    if (entry.kind === 'ingest') expectTypeOf(entry.records).toEqualTypeOf<readonly string[]>();
    if (entry.kind === 'viewer' && entry.event === 'reveal') expectTypeOf(entry.reason_hash).toBeString();
    if (entry.kind === 'token' && entry.outcome === 'refused') expectTypeOf(entry.client).toEqualTypeOf<string | null>();
    expectTypeOf<LogEntry['kind']>().toEqualTypeOf<
      'disclosure' | 'token' | 'ingest' | 'media_ingest' | 'media_upload_cancelled' | 'media_regions' | 'stats_release' | 'viewer' | 'admin'
    >();
  });
});
