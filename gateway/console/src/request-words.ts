/**
 * Pure: what a registry request waiting for a second officer would change, as sentences (message
 * keys and their values), from the request and the registry as the API returned them. Nothing is
 * inferred that the request does not carry.
 */
import type { AdminRequest, Agency, Client, Officer, Purpose } from './api.js';
import type { MessageKey } from './i18n/en.js';

/** One sentence: a message key and its values; values named in `keyed` are message keys themselves. */
export interface Sentence {
  readonly key: MessageKey;
  readonly vars: Readonly<Record<string, string | number>>;
  readonly keyed?: readonly string[];
}

/** What the console knows of the registry when it describes a request. */
export interface Registry {
  readonly agencies: readonly Agency[];
  readonly clients: readonly Client[];
  readonly officers: readonly Officer[];
  readonly purposes: readonly Purpose[];
}

const CLIENT_KIND_KEYS: Record<Client['kind'], MessageKey> = {
  partner: 'clientKindPartner',
  data_owner: 'clientKindDataOwner',
  privacy_officer: 'clientKindPrivacyOfficer',
  officer: 'clientKindOfficer',
};

/** The message key naming a kind of client. */
export const clientKindKey = (kind: Client['kind']): MessageKey => CLIENT_KIND_KEYS[kind];

const keysOf = (value: unknown): Record<string, unknown>[] =>
  typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)
    ? ((value as { keys: unknown[] }).keys.filter((k) => typeof k === 'object' && k !== null) as Record<string, unknown>[])
    : [];

/** Names of keys as an officer can compare them with what the agency sent: kid, else key type and curve. */
const keyNames = (keys: readonly Record<string, unknown>[]): string =>
  keys.map((k) => (typeof k.kid === 'string' ? k.kid : [k.kty, k.crv].filter((x) => typeof x === 'string').join(' '))).join(', ');

/**
 * The sentences that say what approving `request` changes, naming agencies and purposes with
 * `agencyName` and `purposeTitle` (in the reader's language).
 *
 * @example describeRequest({ kind: 'officer.create', target_id: 'moh-officer-0042', … }, registry)
 *   // [{ key: 'changeOfficerCreate', vars: { name: 'Sreyneang Om', id: 'moh-officer-0042', agency: 'moh-tracing' } }, { key: 'changeGivesCode', vars: {} }]
 */
export function describeRequest(
  request: Pick<AdminRequest, 'kind' | 'target_id' | 'payload'>,
  registry: Registry,
  agencyName: (id: string) => string = (id) => id,
  purposeTitle: (id: string) => string = (id) => registry.purposes.find((p) => p.id === id)?.title ?? id,
): Sentence[] {
  const id = request.target_id;
  switch (request.kind) {
    case 'purpose.update': {
      const title = purposeTitle(id);
      const widenings = Array.isArray(request.payload.widenings) ? request.payload.widenings.map(String) : [];
      return [{ key: 'changePurposeUpdate', vars: { title, id } }, ...widenings.map((w) => ({ key: 'changeWidening' as const, vars: { change: w } }))];
    }
    case 'client.activate': {
      const client = registry.clients.find((c) => c.id === id);
      if (client === undefined) return [{ key: 'changeClientActivateUnknown', vars: { id } }];
      // A client that was never changed since it was registered waits for its first activation.
      const fresh = client.created_at === client.updated_at;
      const out: Sentence[] = [
        {
          key: fresh ? 'changeClientActivate' : 'changeClientReactivate',
          vars: { name: client.name, id, agency: agencyName(client.agency_id), kind: CLIENT_KIND_KEYS[client.kind] },
          keyed: ['kind'],
        },
      ];
      if (client.signing_jwks.keys.length > 0)
        out.push({ key: 'changeSigningKeys', vars: { n: client.signing_jwks.keys.length, names: keyNames(client.signing_jwks.keys) } });
      if (client.ingest_types.length > 0) out.push({ key: 'changeIngestTypes', vars: { types: client.ingest_types.join(', ') } });
      if (client.roles.includes('leadership')) out.push({ key: 'changeLeadershipRole', vars: {} });
      return out;
    }
    case 'client.rekey': {
      const client = registry.clients.find((c) => c.id === id);
      const keys = keysOf(request.payload.signing_jwks);
      const out: Sentence[] = [
        { key: 'changeClientRekey', vars: { name: client?.name ?? id, id } },
        { key: 'changeSigningKeys', vars: { n: keys.length, names: keyNames(keys) } },
      ];
      if (typeof request.payload.encryption_jwk === 'object' && request.payload.encryption_jwk !== null) out.push({ key: 'changeEncryptionKey', vars: {} });
      return out;
    }
    case 'officer.create':
    case 'officer.rekey': {
      const officer = registry.officers.find((o) => o.id === id);
      const vars = { name: officer?.name ?? id, id, agency: officer === undefined ? '' : agencyName(officer.agency_id) };
      return [
        { key: request.kind === 'officer.create' ? 'changeOfficerCreate' : 'changeOfficerRekey', vars },
        { key: 'changeGivesCode', vars: {} },
      ];
    }
  }
}
