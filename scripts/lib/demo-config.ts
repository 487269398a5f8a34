/**
 * The demo configuration `npm start` loads through the admin API, as privacy officers would: the
 * agencies of the situations in DESIGN.md, their systems, three purposes and their grants. Re-running
 * it adds only what is missing. All names are synthetic.
 */
import { generateClientKeys, publicJwkOf } from '@need2know/client';
import type { AdminClient, Json } from './admin-client.js';
import type { DemoClientCredentials } from './local-files.js';

export const DEMO_AGENCIES = [
  { id: 'privacy-office', name: 'Privacy Office, Ministry of Interior', name_km: 'ការិយាល័យឯកជនភាព ក្រសួងមហាផ្ទៃ' },
  { id: 'national-police', name: 'General Commissariat of National Police — Crime Management System', name_km: 'អគ្គស្នងការដ្ឋាននគរបាលជាតិ' },
  { id: 'moh-tracing', name: 'Ministry of Health — Contact-Tracing Unit', name_km: 'ក្រសួងសុខាភិបាល — ក្រុមតាមដានអ្នកប៉ះពាល់' },
  { id: 'moh-records', name: 'Ministry of Health — Communicable Disease Control Records', name_km: 'ក្រសួងសុខាភិបាល — នាយកដ្ឋានប្រយុទ្ធនឹងជំងឺឆ្លង' },
  { id: 'pp-commissariat', name: 'Phnom Penh Municipal Police Commissariat', name_km: 'ស្នងការដ្ឋាននគរបាលរាជធានីភ្នំពេញ' },
  { id: 'ministry-of-justice', name: 'Ministry of Justice', name_km: 'ក្រសួងយុត្តិធម៌' },
] as const;

interface DemoClient {
  readonly id: string;
  readonly kind: 'partner' | 'data_owner';
  readonly agency: string;
  readonly name: string;
  readonly ingestTypes: readonly string[];
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    id: 'npa-crime-records',
    kind: 'data_owner',
    agency: 'national-police',
    name: 'Crime Management System (ingest)',
    ingestTypes: ['person', 'case', 'officer_discipline'],
  },
  { id: 'moh-health-records', kind: 'data_owner', agency: 'moh-records', name: 'Outbreak case register (ingest)', ingestTypes: ['health_case'] },
  { id: 'moh-tracing-app', kind: 'partner', agency: 'moh-tracing', name: 'Contact-tracing case system', ingestTypes: [] },
  { id: 'pp-commissariat-app', kind: 'partner', agency: 'pp-commissariat', name: 'Commissariat records desk', ingestTypes: [] },
  { id: 'moj-case-review', kind: 'partner', agency: 'ministry-of-justice', name: 'Case review office', ingestTypes: [] },
];

export const DEMO_PURPOSES = [
  {
    id: 'covid-contact-tracing',
    title: 'Contact tracing during a community outbreak',
    title_km: 'ការតាមដានអ្នកប៉ះពាល់ ក្នុងពេលផ្ទុះជំងឺក្នុងសហគមន៍',
    legal_basis:
      'Law on Measures to Prevent the Spread of COVID-19 and other Serious, Dangerous and Contagious Diseases (2021), art. 4; Sub-decree on contact tracing (synthetic reference)',
    description: 'Health-ministry tracers reach people who may have been exposed. Minimum fields, for the outbreak window only.',
    rules: {
      person: {
        name_km: 'clear',
        name_latin: 'clear',
        phone: 'clear',
        address: 'generalised',
        date_of_birth: 'generalised',
        sex: 'clear',
        national_id: 'none',
      },
      health_case: {
        name_latin: 'clear',
        phone: 'clear',
        test_date: 'clear',
        result: 'clear',
        residence: 'generalised',
        places_visited: 'generalised',
        contacts: 'clear',
      },
    },
    actions: ['fetch', 'search'],
    agencies: ['moh-tracing'],
    // Tracers dial the numbers they read: the phone may be copied from the viewer (each copy logged).
    copyable: { person: ['phone'], health_case: ['phone'] },
    max_token_lifetime: 300,
    requests_per_minute: 120,
    persons_per_hour: 300,
  },
  {
    id: 'red-notice-check',
    title: 'Checks of red notices and the drug-offence blacklist by provincial police',
    title_km: 'ការពិនិត្យសេចក្តីជូនដំណឹងក្រហម និងបញ្ជីខ្មៅបទល្មើសគ្រឿងញៀន ដោយនគរបាលខេត្ត',
    legal_basis:
      'Law on the Organisation of the National Police (synthetic reference), art. 12; Directive on the crime management system (synthetic reference)',
    description:
      'Provincial police check whether a person is under a red notice, on a current blacklist listing, or has a record, without seeing the record itself.',
    rules: {
      person: {
        name_latin: 'clear',
        date_of_birth: 'clear',
        national_id: 'masked',
        red_notice: 'predicate',
        blacklist: 'predicate',
        minor: 'predicate',
        photo_ref: 'clear',
      },
      case: { criterion: 'predicate' },
    },
    actions: ['check', 'search'],
    agencies: ['pp-commissariat'],
    max_token_lifetime: 600,
    requests_per_minute: 60,
    persons_per_hour: 120,
  },
  {
    id: 'justice-case-review',
    title: 'Case review by the Ministry of Justice',
    title_km: 'ការពិនិត្យសំណុំរឿង ដោយក្រសួងយុត្តិធម៌',
    legal_basis: 'Code of Criminal Procedure (synthetic reference), arts. 40–45',
    description: 'Prosecutors review cases referred to court. Involved persons are pseudonymised; flagged media stay blurred.',
    rules: {
      case: {
        case_number: 'clear',
        criterion: 'clear',
        offence: 'clear',
        occurred_on: 'clear',
        place: 'generalised',
        status: 'clear',
        handling_unit: 'clear',
        narrative: 'redacted',
        persons: 'pseudonym',
        evidence: 'clear',
        sensitivity: 'clear',
      },
      person: { name_latin: 'pseudonym', date_of_birth: 'generalised', sex: 'clear' },
    },
    actions: ['fetch', 'search'],
    agencies: ['ministry-of-justice'],
    max_token_lifetime: 300,
    requests_per_minute: 60,
    persons_per_hour: 200,
  },
] as const;

/**
 * Grants the demo opens: a 96-hour outbreak window and two standing one-year agreements. The justice
 * grant does not ask for sensitive cases and has no leadership approval, so the cases marked
 * sensitive (about 3 % of the demo's) are answered to the case reviewers as missing: sensitive case
 * documents need a grant with `sensitive_cases` that two leadership officers approved.
 */
const DEMO_GRANTS = [
  { purpose: 'covid-contact-tracing', agency: 'moh-tracing', hours: 96, dataLifeHours: 72, note: 'Outbreak window (96 h)' },
  { purpose: 'red-notice-check', agency: 'pp-commissariat', hours: 365 * 24, dataLifeHours: 24, note: 'Standing agreement (1 year)' },
  { purpose: 'justice-case-review', agency: 'ministry-of-justice', hours: 365 * 24, dataLifeHours: 24 * 30, note: 'Standing agreement (1 year)' },
];

/** Approves registry requests as the second officer (the demo's stand-in for a real review). */
async function approveAll(approver: AdminClient, requests: readonly string[]): Promise<void> {
  for (const id of requests) await approver.post(`/requests/${id}/approve`, { reason: 'demo: second officer approves' });
}

const toIso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Loads what is missing of the demo configuration. `known` holds credentials from an earlier run;
 * clients whose private keys are not known are re-keyed. Returns every demo client's credentials.
 */
export async function loadDemoConfiguration(
  requester: AdminClient,
  approver: AdminClient,
  known: readonly DemoClientCredentials[],
  log: (line: string) => void,
): Promise<DemoClientCredentials[]> {
  const agencies = new Set((await requester.get<{ agencies: Json[] }>('/agencies')).agencies.map((a) => a.id as string));
  for (const agency of DEMO_AGENCIES) {
    if (agencies.has(agency.id)) continue;
    await requester.post('/agencies', agency);
    log(`agency ${agency.id}`);
  }

  const clients = new Map((await requester.get<{ clients: Json[] }>('/clients')).clients.map((c) => [c.id as string, c]));
  const credentials: DemoClientCredentials[] = [];
  for (const demo of DEMO_CLIENTS) {
    let creds = known.find((k) => k.client_id === demo.id);
    const existing = clients.get(demo.id);
    const registeredKid = (existing?.signing_jwks as { keys: Json[] } | undefined)?.keys[0]?.kid as string | undefined;
    if (creds === undefined || (existing !== undefined && registeredKid !== creds.signing_jwk.kid)) {
      const keys = await generateClientKeys();
      creds = {
        client_id: demo.id,
        kind: demo.kind,
        agency: demo.agency,
        agency_name: '',
        purposes: [],
        ingest_types: [...demo.ingestTypes],
        signing_jwk: keys.private.signing,
        encryption_jwk: keys.private.encryption,
      };
      if (existing !== undefined) {
        const changed = await requester.patch<{ pending_requests: string[] }>(`/clients/${demo.id}`, {
          signing_jwks: { keys: [publicJwkOf(creds.signing_jwk)] },
          encryption_jwk: publicJwkOf(creds.encryption_jwk),
          reason: 'demo keys regenerated',
        });
        await approveAll(approver, changed.pending_requests);
        log(`client ${demo.id} (new keys, approved by ${approver.officer})`);
      }
    }
    if (existing === undefined) {
      const created = await requester.post<{ pending_requests: string[] }>('/clients', {
        id: demo.id,
        kind: demo.kind,
        agency_id: demo.agency,
        name: demo.name,
        signing_jwks: { keys: [publicJwkOf(creds.signing_jwk)] },
        encryption_jwk: publicJwkOf(creds.encryption_jwk),
        ingest_types: [...demo.ingestTypes],
      });
      await approveAll(approver, created.pending_requests);
      log(`client ${demo.id}${created.pending_requests.length > 0 ? `, approved by ${approver.officer}` : ''}`);
    }
    const agencyName = DEMO_AGENCIES.find((a) => a.id === demo.agency)?.name ?? demo.agency;
    const purposes = DEMO_PURPOSES.filter((p) => (p.agencies as readonly string[]).includes(demo.agency)).map((p) => p.id);
    credentials.push({ ...creds, agency_name: agencyName, purposes });
  }

  const purposes = new Set((await requester.get<{ purposes: Json[] }>('/purposes')).purposes.map((p) => p.id as string));
  for (const purpose of DEMO_PURPOSES) {
    if (purposes.has(purpose.id)) continue;
    await requester.post('/purposes', purpose);
    log(`purpose ${purpose.id}`);
  }

  for (const g of DEMO_GRANTS) {
    const { grants } = await requester.get<{ grants: Json[] }>(`/grants?purpose_id=${g.purpose}&agency_id=${g.agency}`);
    if (grants.some((x) => x.live === true || x.status === 'pending')) continue;
    const now = Date.now();
    const created = await requester.post<{ id: string; requests: Json[] }>('/grants', {
      purpose_id: g.purpose,
      agency_id: g.agency,
      not_before: toIso(now - 60_000),
      not_after: toIso(now + g.hours * 3600_000),
      data_life_seconds: g.dataLifeHours * 3600,
      note: g.note,
    });
    const request = created.requests[0]?.id as string;
    await approver.post(`/grants/${created.id}/requests/${request}/approve`, { reason: 'demo: second officer approves' });
    log(`grant ${g.purpose} → ${g.agency} (${g.note}), approved by ${approver.officer}`);
  }
  return credentials;
}
