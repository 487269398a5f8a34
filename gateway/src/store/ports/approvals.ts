/** The kinds of registry change that wait for a second privacy officer. */
export const ADMIN_REQUEST_KINDS = ['client.activate', 'client.rekey', 'purpose.update', 'officer.create', 'officer.rekey'] as const;
export type AdminRequestKind = (typeof ADMIN_REQUEST_KINDS)[number];

/** A change waiting for a second privacy officer. */
export interface ApprovalRequest<Kind extends string, Payload extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> {
  readonly id: string;
  readonly kind: Kind;
  readonly targetId: string;
  readonly payload: Payload;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly reason: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
}

/**
 * A widening registry change waiting for a second privacy officer. The payload is the proposed
 * change, with `etag`: the target's etag it was based on.
 */
export type AdminRequest = ApprovalRequest<AdminRequestKind, Readonly<Record<string, unknown>> & { readonly etag: string }>;

/** Which registry requests to list: one status (pending by default) or all, optionally of one target. */
export interface AdminRequestFilter {
  readonly status?: AdminRequest['status'] | 'all';
  readonly targetId?: string;
}

/** Reads of registry requests. Opening and closing them go through {@link ChangeStore.commit}. */
export interface ApprovalStore {
  /** Request `id` (any status), or null. */
  getAdminRequest(id: string): Promise<AdminRequest | null>;
  /** Requests with the filter's status (`pending` when not given; `all` for every status) and target, newest first (`requestedAt` descending, then id). */
  listAdminRequests(filter?: AdminRequestFilter): Promise<AdminRequest[]>;
}
