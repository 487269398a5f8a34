import type { ClientKind, OfficerRole } from '@need2know/policy';
import type { JSONWebKeySet, JWK } from 'jose';

/** An organisation whose systems or officers use the gateway. */
export interface Agency {
  readonly id: string;
  readonly name: string;
  readonly nameKm: string | null;
  readonly createdAt: number;
}

/** A registered client: an agency's system or a privacy officer. Only public keys are held. */
export interface Client {
  readonly id: string;
  readonly kind: ClientKind;
  readonly agencyId: string;
  readonly name: string;
  readonly signingJwks: JSONWebKeySet;
  readonly encryptionJwk: JWK | null;
  readonly ingestTypes: readonly string[];
  /** Roles of a privacy officer (e.g. `leadership`). */
  readonly roles: readonly OfficerRole[];
  readonly status: 'active' | 'suspended';
  readonly etag: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A one-time code for an officer's viewer; only its hash is ever stored. */
export interface EnrolmentCode {
  readonly codeHash: string;
  readonly officerId: string;
  readonly issuedBy: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly status: 'open' | 'used' | 'void';
}

/** Which clients to list. */
export interface ClientFilter {
  readonly agencyId?: string;
  readonly kind?: ClientKind;
}

/**
 * Reads of the registry: agencies, clients (systems, privacy officers, officers) and officers'
 * enrolment codes. Writes go through {@link ChangeStore.commit} (`changes.ts`).
 */
export interface RegistryStore {
  /** Every agency, ordered by id. */
  listAgencies(): Promise<Agency[]>;
  /** Agency `id`, or null. */
  getAgency(id: string): Promise<Agency | null>;
  /** Client `id` of any kind, or null. */
  getClient(id: string): Promise<Client | null>;
  /** Clients matching every field of `filter` that is set, ordered by id. */
  listClients(filter?: ClientFilter): Promise<Client[]>;
  /**
   * The code with this hash if it is open and `now` is before its expiry (strictly: a code expiring
   * at `now` is over); null otherwise, whatever the reason.
   */
  findOpenEnrolmentCode(codeHash: string, now: number): Promise<EnrolmentCode | null>;
  /**
   * Registers the privacy officers of the configuration (public keys only), in one transaction: each
   * one's agency is created, named `agencyName`, unless it exists; an officer whose id is new is
   * created active; an existing **privacy officer** of that id whose key differs gets the configured
   * key and name (the configuration stays the source of truth for them); any other client of that id
   * is left alone. Returns the ids of the officers created or changed, in the order given. Logs
   * nothing itself (the caller records an event for what changed).
   */
  registerBootstrapOfficers(officers: readonly { readonly officer: Client; readonly agencyName: string }[], now: number): Promise<string[]>;
  /** The officer's most recently issued code (expiry and status only), or null when none was ever issued. */
  latestEnrolmentCode(officerId: string): Promise<Pick<EnrolmentCode, 'expiresAt' | 'status'> | null>;
}
