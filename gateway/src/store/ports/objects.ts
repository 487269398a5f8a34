/**
 * Ports of the Durable Objects: the method sets services call, by need, in types that name no
 * binding. Each object is reached over RPC through a stub; its class `implements` its port here, so
 * a service takes `Pick<Stores, 'auditLog'>` instead of the Worker's bindings, and another backend or
 * a test hands it anything with the same methods.
 */
import type { AdminLogEntry, DisclosureLogEntry, ExportedEntry, ExportFrame, LogEntry } from '@need2know/audit';

/** One single-use value: a JWT `jti` in a namespace, remembered until the JWT could no longer be used. */
export interface Nonce {
  /** e.g. `assertion:<jti>` or `dpop:<jti>`. */
  readonly key: string;
  /** Unix seconds after which the JWT carrying it is dead anyway and the key can be forgotten. */
  readonly expiresAt: number;
}

/** Which limit refused a request (the names privacy officers set on a purpose). */
export type LimitName = 'requests_per_minute' | 'persons_per_hour' | 'officer_requests_per_minute' | 'officer_persons_per_hour';

/** One budget a request is counted against. */
export interface Budget {
  /** e.g. `grant:<id>` or `grant:<id>/client:<id>`. */
  readonly scope: string;
  readonly requestsPerMinute: number;
  readonly personsPerHour: number;
  /** How a refusal by each of the two limits is named. */
  readonly requestLimit: LimitName;
  readonly personLimit: LimitName;
}

/** What is asked of the limits: one request at `now`, about `subjects` (keyed hashes), against every budget. */
export interface AdmissionRequest {
  readonly now: number;
  readonly budgets: readonly Budget[];
  readonly subjects: readonly string[];
}

/** Outcome of an admission check. */
export type Admission = { readonly ok: true } | { readonly ok: false; readonly limit: LimitName; readonly retryAfter: number };

/**
 * An admission decided and its outcome appended (where the entry stands in the log), or a request
 * whose DPoP proof was spent before: then nothing was counted or appended.
 */
export type AdmittedEntry = { readonly replayed: true } | (Admission & { readonly replayed: false; readonly index: number });

/**
 * The tamper-evident log (one shard): appending entries; counting a request against its limits and
 * spending its DPoP proof atomically with its entry; the disclosure index it keeps for reports; and
 * the checkpoints, proofs and export pages verifiers read. The contract of each method is written on
 * the log object (`store/objects/audit-log/audit-log.ts`).
 */
export interface AuditLogPort {
  append(entries: readonly LogEntry[]): Promise<{ first: number; size: number }>;
  admitAndAppend(request: AdmissionRequest, admitted: DisclosureLogEntry, refused: DisclosureLogEntry, proof?: Nonce): Promise<AdmittedEntry>;
  appendIfAdmitted(request: AdmissionRequest, entry: LogEntry): Promise<boolean>;
  spendProof(proof: Nonce, now: number): Promise<boolean>;
  flushIndex(): Promise<void>;
  adminCursor(): Promise<number>;
  appendAdminEvents(entries: readonly AdminLogEntry[]): Promise<number>;
  indexRange(since: number, until: number): Promise<{ start: number; end: number } | null>;
  size(): Promise<number>;
  verifierKey(origin: string): Promise<string>;
  checkpoint(origin: string, now: number): Promise<string>;
  latestCheckpoint(origin: string, now: number): Promise<string>;
  inclusion(index: number, size: number): Promise<{ entry: Record<string, unknown>; proof: string[] } | null>;
  consistency(from: number, to: number): Promise<string[] | null>;
  exportFrame(origin: string, start: number, end: number, now: number, anchor?: number): Promise<ExportFrame | null>;
  exportPage(from: number, end: number, anchor: number): Promise<{ entries: ExportedEntry[]; next: number }>;
}

/** A per-grant viewer key for one epoch, as the vault hands it out. */
export interface ViewerKey {
  readonly epoch: number;
  /** Raw 256-bit key, base64url. */
  readonly key: string;
  /** When the key is destroyed (Unix seconds). */
  readonly destroyAt: number;
}

/** The viewer keys of one grant, one per epoch, destroyed at their time or all at once (`shred`). */
export interface GrantKeyVaultPort {
  /** The key of `epoch`, created unless shredded or past `destroyAt`; null once destroyed. */
  keyFor(epoch: number, destroyAt: number, now: number): Promise<ViewerKey | null>;
  /** An existing key of `epoch` (never creates one); null when destroyed or never made. */
  existingKey(epoch: number, now: number): Promise<ViewerKey | null>;
  /** Destroys every key whose time has come; returns how many. */
  sweep(now: number): Promise<number>;
  /** Destroys every key of the grant and refuses to make new ones; returns how many were held. */
  shred(): Promise<number>;
  /** Epochs whose keys are held now. */
  heldEpochs(): Promise<number[]>;
}

/** The vault of each grant, by grant id. */
export interface GrantKeyVaultsPort {
  /** The vault of `grantId` (one object per grant). */
  of(grantId: string): GrantKeyVaultPort;
}

/** Single-use values (client assertions, DPoP proofs, enrolment proofs), spent once per scope. */
export interface ReplayGuardPort {
  /**
   * Spends `nonces` in the guard of `scope` (a client id or a DPoP key thumbprint): the key of the
   * first one already spent (a replay), or null when all were fresh and are now spent.
   */
  spend(scope: string, nonces: readonly Nonce[], now: number): Promise<string | null>;
}

/** Every Durable Object port, as the bindings provide them. */
export interface ObjectPorts {
  readonly auditLog: AuditLogPort;
  readonly grantKeys: GrantKeyVaultsPort;
  readonly replayGuard: ReplayGuardPort;
}
