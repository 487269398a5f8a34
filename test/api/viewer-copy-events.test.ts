/**
 * Finding: "A tracer cannot dial the phone number they just read". Every copy out of the viewer was
 * blocked. Now a purpose may mark a field "may be copied" (`copyable`, validated by policy's
 * `copyableFieldIssues`): a copy of that field is logged as a viewer `copy` event; a copy of any
 * other field is refused with 403 `copy_not_permitted` and nothing is logged as copied.
 */
import { describe, expect, it } from 'vitest';
import { loggedEntry } from './log-harness.js';
import { adminSession, createAgency, createClient, testGateway, uniq } from './harness.js';
import { auditLog, officerViewer } from './viewer-harness.js';

describe('fields a purpose marks "may be copied"', () => {
  it('a copy of a copyable field is logged; of any other field it is refused and not logged', async () => {
    const gateway = testGateway();
    const v = await officerViewer(gateway, { copyable: { person: ['phone'] } });
    const viewId = await v.openView(await v.fetchPerson());
    // The viewer learns what it may let be copied from the session.
    expect((JSON.parse((await v.send('GET', '/v1/session')).body) as { copyable: unknown }).copyable).toEqual({ person: ['phone'] });

    const copied = await v.event({ view_id: viewId, event: 'copy', field: 'phone' });
    expect(copied.status).toBe(202);
    const index = copied.body.log_index as number;
    const entry = await loggedEntry(auditLog(), index, index + 1);
    expect(entry).toMatchObject({
      kind: 'viewer',
      event: 'copy',
      view: viewId,
      record_type: 'person',
      field: 'phone',
      officer: v.officer.id,
      grant: v.grant.id,
    });
    expect(JSON.stringify(entry)).not.toContain('765432');

    const size = await auditLog().size();
    for (const field of ['name_latin', 'national_id', 'nope']) {
      expect(await v.event({ view_id: viewId, event: 'copy', field })).toMatchObject({ status: 403, body: { code: 'copy_not_permitted' } });
    }
    expect(await auditLog().size()).toBe(size);
    // Another officer cannot log a copy in this view.
    const stranger = await officerViewer(gateway, { copyable: { person: ['phone'] } });
    expect((await stranger.event({ view_id: viewId, event: 'copy', field: 'phone' })).status).toBe(404);
  });

  it('a purpose that marks nothing lets nothing be copied', async () => {
    const gateway = testGateway();
    const v = await officerViewer(gateway);
    const viewId = await v.openView(await v.fetchPerson());
    expect((JSON.parse((await v.send('GET', '/v1/session')).body) as { copyable: unknown }).copyable).toEqual({});
    expect(await v.event({ view_id: viewId, event: 'copy', field: 'phone' })).toMatchObject({ status: 403, body: { code: 'copy_not_permitted' } });
  });

  it('the purpose document validates copyable fields and shows them', async () => {
    const gateway = testGateway();
    const agency = await createAgency();
    const admin = await adminSession(gateway, await createClient('privacy_officer', agency));
    const body = (copyable: unknown) => ({
      id: uniq('purpose'),
      title: 'Tracing',
      legal_basis: 'Synthetic law, art. 1',
      rules: { health_case: { name_latin: 'clear', phone: 'clear', residence: 'generalised' } },
      actions: ['fetch'],
      agencies: [agency],
      copyable,
    });

    const masked = await admin('POST', '/purposes', {
      ...body({ health_case: ['residence', 'name_latin'] }),
      rules: { health_case: { name_latin: 'masked', residence: 'generalised' } },
    });
    expect(masked.status).toBe(400);
    const issues = ((await masked.json()) as { issues: { path: string; code: string }[] }).issues.map((i) => `${i.path}:${i.code}`);
    expect(issues).toEqual(['copyable.health_case.0:not_copyable', 'copyable.health_case.1:not_disclosed']);

    const ok = await admin('POST', '/purposes', body({ health_case: ['phone'] }));
    expect(ok.status).toBe(201);
    const created = (await ok.json()) as { id: string; copyable: unknown };
    expect(created.copyable).toEqual({ health_case: ['phone'] });
    expect(((await (await admin('GET', `/purposes/${created.id}`)).json()) as { copyable: unknown }).copyable).toEqual({ health_case: ['phone'] });
    const plain = (await (await admin('POST', '/purposes', body(undefined))).json()) as { id: string; copyable: unknown };
    expect(plain.copyable).toBeNull();
    // Marking a field copyable lets more leave the viewer: it waits for a second privacy officer.
    const { id: _id, ...terms } = body({ health_case: ['phone'] });
    const widened = await admin('PUT', `/purposes/${plain.id}`, { ...terms, reason: 'tracers dial the phone numbers' });
    expect(widened.status).toBe(202);
    expect(((await widened.json()) as { widenings: string[] }).widenings).toEqual(['copyable: + health_case.phone']);
    expect(((await (await admin('GET', `/purposes/${plain.id}`)).json()) as { copyable: unknown }).copyable).toBeNull();
  });
});
