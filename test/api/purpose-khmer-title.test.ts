/**
 * "A purpose has one title": a purpose carries a Khmer title beside the English one, so the console
 * and the reports can name it in the officer's language. Registering and replacing a purpose accept
 * and return it; setting or changing it is a wording change (applied at once by one officer, never a
 * request for a second one) and is logged with the purpose's edit; a replacement that leaves it out
 * keeps it; bad input is refused and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { adminSession, createAgency, createClient, testGateway, uniq } from './harness.js';

const TITLE_KM = 'ការតាមដានអ្នកប៉ះពាល់ក្នុងពេលផ្ទុះជំងឺ';

async function setup() {
  const gateway = testGateway();
  const agency = await createAgency();
  const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
  const id = uniq('purpose');
  const body = {
    title: 'Contact tracing',
    legal_basis: 'Test basis',
    rules: { person: { name_latin: 'clear', phone: 'clear' } },
    actions: ['fetch'],
    agencies: [agency],
  };
  const read = async () => (await (await admin('GET', `/purposes/${id}`)).json()) as Record<string, unknown>;
  const events = async () =>
    ((await (await admin('GET', `/events?target_id=${id}&limit=500`)).json()) as { events: { action: string; detail: Record<string, unknown> }[] }).events;
  return { admin, id, body, read, events };
}

describe('a purpose’s Khmer title', () => {
  it('is registered, returned in the purpose and its list, and logged with the registration', async () => {
    const s = await setup();
    const created = await s.admin('POST', '/purposes', { id: s.id, ...s.body, title_km: TITLE_KM });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { title_km: unknown }).title_km).toBe(TITLE_KM);
    expect((await s.read()).title_km).toBe(TITLE_KM);
    const list = (await (await s.admin('GET', '/purposes')).json()) as { purposes: { id: string; title_km: unknown }[] };
    expect(list.purposes.find((p) => p.id === s.id)?.title_km).toBe(TITLE_KM);
    const [event] = await s.events();
    expect(event?.action).toBe('purpose.create');
    expect(event?.detail.title_km).toBe(TITLE_KM);
  });

  it('is null when a purpose is registered without one (readers fall back to the English title)', async () => {
    const s = await setup();
    expect((await s.admin('POST', '/purposes', { id: s.id, ...s.body })).status).toBe(201);
    expect((await s.read()).title_km).toBeNull();
  });

  it('is set, changed and cleared by one officer at once (a wording, not a widening), each change logged', async () => {
    const s = await setup();
    expect((await s.admin('POST', '/purposes', { id: s.id, ...s.body })).status).toBe(201);
    const set = await s.admin('PUT', `/purposes/${s.id}`, { ...s.body, title_km: TITLE_KM, reason: 'Khmer title' });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { title_km: unknown }).title_km).toBe(TITLE_KM);
    // Leaving it out of a replacement keeps it.
    expect((await s.admin('PUT', `/purposes/${s.id}`, { ...s.body, reason: 'same terms' })).status).toBe(200);
    expect((await s.read()).title_km).toBe(TITLE_KM);
    expect((await s.admin('PUT', `/purposes/${s.id}`, { ...s.body, title_km: null, reason: 'cleared' })).status).toBe(200);
    expect((await s.read()).title_km).toBeNull();
    const updates = (await s.events()).filter((e) => e.action === 'purpose.update');
    expect(updates.map((e) => e.detail.title_km)).toEqual([TITLE_KM, TITLE_KM, null]);
    // Nothing waits for a second officer.
    const pending = (await (await s.admin('GET', '/requests?status=pending')).json()) as { requests: { target_id: string }[] };
    expect(pending.requests.filter((r) => r.target_id === s.id)).toEqual([]);
  });

  it('refuses an empty or overlong Khmer title with a problem document and changes nothing', async () => {
    const s = await setup();
    expect((await s.admin('POST', '/purposes', { id: s.id, ...s.body, title_km: TITLE_KM })).status).toBe(201);
    for (const bad of ['   ', 'ក'.repeat(201), 42]) {
      const res = await s.admin('PUT', `/purposes/${s.id}`, { ...s.body, title_km: bad, reason: 'bad' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    }
    expect((await s.read()).title_km).toBe(TITLE_KM);
    expect((await s.read()).version).toBe(1);
  });
});
