/**
 * "A case's narrative can only be disclosed whole or not at all, so the names and phone numbers
 * written inside it leave with it": a purpose may disclose a text field `redacted`, and then the
 * names (Khmer and Latin), nicknames, phones, ID numbers and birth dates of the persons linked to
 * the record leave as role labels, with counts of what was replaced; a purpose without it gets the
 * field as its mode says; `redacted` on a field that is not free text is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, tableCounts } from './forge.js';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';

type Gateway = ReturnType<typeof testGateway>;

const suspectId = uniq('p');
const victimId = uniq('p');
const witnessId = uniq('p');
const caseId = uniq('c');
const SUSPECT = {
  name_latin: 'Heng Vannak',
  name_km: 'ហេង វណ្ណៈ',
  nicknames: 'Nak Thom, អាណាក់',
  phone: '+85517654321',
  national_id: '021345678',
  date_of_birth: '1988-11-02',
};
const VICTIM = { name_latin: 'Srey Pich', name_km: 'ស្រី ពេជ្រ', phone: '+855962223344', date_of_birth: '1999-05-20' };
const WITNESS = { name_latin: 'Lim Bora', name_km: 'លឹម បូរ៉ា', phone: '+85512777888' };
const NARRATIVE =
  'On 3 February 2026 at about 21:00, HENG Vannak (alias Nak Thom, born 02/11/1988, ID 021 345 678) snatched the bag of Srey Pich (tel. 096 222 3344) near the market. ' +
  'Witness Lim Bora, reachable on 012-777-888, saw him flee on a motorbike; another bystander gave 011 999 000.\n' +
  'ហេង\u200bវណ្ណៈ ហៅ អាណាក់ បានឆក់កាបូបរបស់ ស្រី ពេជ្រ ។ លឹម បូរ៉ា ជាសាក្សី ទូរស័ព្ទ ០១២ ៧៧៧ ៨៨៨ ។';
const IDENTIFIERS = [
  'Heng',
  'Vannak',
  'Nak Thom',
  'Srey Pich',
  'Pich',
  'Lim Bora',
  'Bora',
  'វណ្ណៈ',
  'អាណាក់',
  'ពេជ្រ',
  'បូរ៉ា',
  '345',
  '222',
  '777',
  '1988',
  '011 999 000',
];

beforeAll(async () => {
  await seed('person', [person(suspectId, SUSPECT), person(victimId, VICTIM), person(witnessId, WITNESS)]);
  await seed('case', [
    {
      id: caseId,
      case_number: 'PP-2026-0412',
      criterion: 1,
      offence: 'Bag snatching',
      occurred_on: '2026-02-03',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Daun Penh district police',
      sensitivity: 'normal',
      narrative: NARRATIVE,
      persons: [
        { person_id: suspectId, role: 'suspect' },
        { person_id: victimId, role: 'victim' },
        { person_id: witnessId, role: 'witness' },
      ],
    },
  ]);
});

async function partner(gateway: Gateway, rules: Record<string, Record<string, string>>) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: rules as never });
  await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  return { client, token };
}

describe('a narrative disclosed redacted leaves without the linked persons', () => {
  it('fetch: names, nicknames, phones, ID and birth date of the case persons become role labels, other phone-shaped numbers [number], with counts', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, { case: { case_number: 'clear', narrative: 'redacted' } });
    const d = await open(gateway, p.client, await call(gateway, p.client, p.token, 'GET', `/v1/records/case/${caseId}`));
    const narrative = d.records?.[0]?.narrative as { text: string; counts: Record<string, number> };
    for (const identifier of IDENTIFIERS) expect(narrative.text, identifier).not.toContain(identifier);
    expect(narrative.text).toContain(
      'On 3 February 2026 at about 21:00, [suspect 1] (alias [suspect 1], born [date of birth], ID [id]) snatched the bag of [victim 1] (tel. [phone]) near the market.',
    );
    expect(narrative.text).toContain('Witness [witness 1], reachable on [phone], saw him flee on a motorbike; another bystander gave [number].');
    expect(narrative.text).toContain('[suspect 1] ហៅ [suspect 1] បានឆក់កាបូបរបស់ [victim 1] ។ [witness 1] ជាសាក្សី ទូរស័ព្ទ [phone] ។');
    expect(narrative.counts).toEqual({ victim: 2, suspect: 4, witness: 2, person: 0, phone: 3, id: 1, date_of_birth: 1, number: 1 });
    // The persons' own records are read only to redact: none of their fields is disclosed.
    expect(Object.keys(d.records?.[0] ?? {}).sort()).toEqual(['case_number', 'id', 'narrative']);
  });

  it('search: each case found has its narrative redacted the same way', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, { case: { case_number: 'clear', narrative: 'redacted' } });
    const d = await open(
      gateway,
      p.client,
      await call(gateway, p.client, p.token, 'POST', '/v1/records/case/search', { search: 'case_number', terms: { case_number: 'PP-2026-0412' } }),
    );
    const found = d.records?.find((r) => r.id === caseId)?.narrative as { text: string } | undefined;
    expect(found?.text).toContain('snatched the bag of [victim 1]');
    for (const identifier of IDENTIFIERS) expect(found?.text, identifier).not.toContain(identifier);
  });

  it('a purpose that discloses the narrative in clear gets it as written', async () => {
    const gateway = testGateway();
    const p = await partner(gateway, { case: { case_number: 'clear', narrative: 'clear' } });
    const d = await open(gateway, p.client, await call(gateway, p.client, p.token, 'GET', `/v1/records/case/${caseId}`));
    expect(d.records?.[0]?.narrative).toBe(NARRATIVE);
  });
});

describe('redacted is accepted only on text fields that declare it', () => {
  let admin: Awaited<ReturnType<typeof adminSession>>;
  let agencyId: string;
  beforeAll(async () => {
    const gateway = testGateway();
    agencyId = await createAgency();
    admin = await adminSession(gateway, await createClient('privacy_officer', agencyId));
  });
  const purpose = (rules: unknown) => ({
    id: uniq('purpose'),
    title: 'Case review',
    legal_basis: 'Code of Criminal Procedure',
    rules,
    actions: ['fetch'],
    agencies: [agencyId],
  });

  it('redacted on a name, an offence or a number is refused with validation_failed / mode_not_allowed, and nothing is written', async () => {
    for (const [rules, path] of [
      [{ person: { name_latin: 'redacted' } }, 'rules.person.name_latin'],
      [{ case: { offence: 'redacted' } }, 'rules.case.offence'],
      [{ case: { criterion: 'redacted' } }, 'rules.case.criterion'],
    ] as const) {
      const before = await tableCounts();
      const p = await problemOf(await admin('POST', '/purposes', purpose(rules)));
      expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(p.body.issues).toEqual([expect.objectContaining({ path, code: 'mode_not_allowed' })]);
      expect(await tableCounts()).toEqual(before);
    }
  });

  it('redacted on the narrative is accepted, and the record types list it among the narrative modes', async () => {
    expect((await admin('POST', '/purposes', purpose({ case: { case_number: 'clear', narrative: 'redacted' } }))).status).toBe(201);
    const list = ((await (await admin('GET', '/record-types')).json()) as { record_types: { name: string; fields: { name: string; modes: string[] }[] }[] })
      .record_types;
    const narrative = list.find((t) => t.name === 'case')?.fields.find((f) => f.name === 'narrative');
    expect(narrative?.modes).toContain('redacted');
    expect(list.find((t) => t.name === 'case')?.fields.find((f) => f.name === 'offence')?.modes).not.toContain('redacted');
  });

  it('the OpenAPI document shows the mode and what it discloses', async () => {
    const doc = (await (await testGateway().request('/openapi.json')).json()) as {
      components: { schemas: Record<string, { description?: string; additionalProperties?: { additionalProperties?: { enum?: string[] } } }> };
    };
    const rules = doc.components.schemas['PurposeRules'];
    expect(rules?.additionalProperties?.additionalProperties?.enum).toContain('redacted');
    expect(rules?.description).toContain('`redacted` discloses `{ text, counts }`');
  });
});
