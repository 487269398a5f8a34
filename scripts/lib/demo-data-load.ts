/**
 * Loads the synthetic demo dataset into a gateway through the real ingest API, each record type by
 * the data owner that owns it (police: persons, cases, discipline; health: health cases), then the
 * synthetic pictures some persons' and cases' media references point to.
 */
import { DEFAULT_MEDIA_ITEMS, DEMO_RECORD_TYPES, demoMedia, generateDataset, type DatasetOptions } from '@need2know/demo-data';
import { GatewaySession, signingKeyFromJwk } from '@need2know/client';
import { loadMedia, loadRecords, type LoadReport } from './bulk-load.js';
import type { DemoClientCredentials } from './local-files.js';

/**
 * Loads every type of a generated dataset, then up to `options.media` pictures (default
 * {@link DEFAULT_MEDIA_ITEMS}; a few KB each, a few seconds); returns a report per type and `media`.
 */
export async function loadDemoDataset(
  issuer: string,
  clients: readonly DemoClientCredentials[],
  options: DatasetOptions & { readonly media?: number },
): Promise<Record<string, LoadReport>> {
  const data = generateDataset(options);
  const sizes: Record<string, number> = {
    person: data.sizes.persons,
    case: data.sizes.cases,
    health_case: data.sizes.healthCases,
    officer_discipline: data.sizes.disciplines,
  };
  const sessions = new Map<string, GatewaySession>();
  const reports: Record<string, LoadReport> = {};
  for (const type of DEMO_RECORD_TYPES) {
    const owner = clients.find((c) => c.kind === 'data_owner' && c.ingest_types.includes(type));
    if (owner === undefined) throw new Error(`no demo data owner ingests ${type}`);
    let session = sessions.get(owner.client_id);
    if (session === undefined) {
      session = await GatewaySession.open({
        issuer,
        clientId: owner.client_id,
        signingKey: await signingKeyFromJwk(owner.signing_jwk),
        request: { authorizationDetails: [{ type: 'record_ingest', record_types: owner.ingest_types }] },
      });
      sessions.set(owner.client_id, session);
    }
    reports[type] = await loadRecords(session, type, data.records(type), { total: sizes[type] ?? 0, label: `  ${type}` });
  }
  const media = demoMedia(data, options.media ?? DEFAULT_MEDIA_ITEMS);
  if (media.length > 0) {
    // Persons and cases have one owner in the demo: the police, who upload their pictures.
    const owner = clients.find((c) => c.kind === 'data_owner' && c.ingest_types.includes('person') && c.ingest_types.includes('case'));
    const session = owner === undefined ? undefined : sessions.get(owner.client_id);
    if (session === undefined) throw new Error('no demo data owner ingests persons and cases');
    reports['media'] = await loadMedia(session, media, { label: '  media' });
  }
  return reports;
}
