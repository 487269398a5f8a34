/**
 * An officer's viewer under a live grant, as the black-box viewer tests drive it: fetch a person for
 * the viewer, open it through a logged view, and send viewer events.
 */
import type { Purpose } from '@need2know/policy';
import { call, open, person, seed } from './disclosure-harness.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, type testGateway, uniq } from './harness.js';

type Gateway = ReturnType<typeof testGateway>;

/** The tamper-evident log of the test gateway. */
export const auditLog = () => gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main'));

/** Views on record for `officerId` (each a logged view). */
export async function viewsOf(officerId: string): Promise<number> {
  const row = await gatewayEnv.DB.prepare('SELECT COUNT(*) AS n FROM viewer_views WHERE officer_id = ?').bind(officerId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** An officer with a token under a fresh purpose (`overrides`) and grant, and the way its viewer opens persons. */
export async function officerViewer(gateway: Gateway, overrides: Partial<Purpose> = {}) {
  const agencyId = await createAgency();
  const officer = await createClient('officer', agencyId);
  const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear', phone: 'clear' } }, ...overrides });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, officer, { type: 'record_access', purpose: purpose.id });
  const send = (method: string, path: string, body?: unknown) => call(gateway, officer, token, method, path, body);

  /** Seeds a person and fetches it for the viewer: the delivery the viewer holds. */
  const fetchPerson = async () => {
    const id = uniq('p');
    await seed('person', [person(id, { name_latin: 'Sok Viewed', phone: '+85512765432' })], gateway.clock.now);
    const fetched = await send('GET', `/v1/records/person/${id}?delivery=viewer`);
    const d = await open(gateway, officer, fetched);
    return { disclosureId: d.jti as string, epoch: d.viewer_key?.epoch ?? -1 };
  };

  /** Opens a held delivery: a logged view. */
  const openView = async (held: { disclosureId: string; epoch: number }) => {
    const viewed = await send('POST', '/v1/views', { epoch: held.epoch, disclosure_id: held.disclosureId });
    if (viewed.status !== 201) throw new Error(`view refused: ${viewed.status} ${viewed.body}`);
    return (JSON.parse(viewed.body) as { view_id: string }).view_id;
  };

  /** Sends a viewer event; the status and the parsed body. */
  const event = async (body: Record<string, unknown>) => {
    const r = await send('POST', '/v1/viewer-events', body);
    return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
  };

  return { officer, purpose, grant, token, send, fetchPerson, openView, event };
}
