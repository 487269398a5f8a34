import type { DisclosureMode } from '@need2know/schema';
import type { RowScope } from './row-scope.js';

/** What a partner may do with records under a purpose. */
export const RECORD_ACTIONS = ['fetch', 'search', 'check'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** Per record type, per field: the disclosure mode. Fields not listed are never disclosed. */
export type PurposeRules = Readonly<Record<string, Readonly<Record<string, DisclosureMode>>>>;

/** A registered reason to access data (DESIGN.md "Minimisation"). */
export interface Purpose {
  readonly id: string;
  readonly title: string;
  /** The title in Khmer (a wording, not a term: changing it widens nothing); null or absent: none yet. */
  readonly titleKm?: string | null;
  readonly legalBasis: string;
  readonly description: string;
  readonly rules: PurposeRules;
  readonly actions: readonly RecordAction[];
  /** Agencies that may be granted this purpose. */
  readonly agencies: readonly string[];
  /** Longest access token under this purpose (seconds). */
  readonly maxTokenLifetime: number;
  /** Limits for the grant as a whole (every client under it together). */
  readonly requestsPerMinute: number;
  readonly personsPerHour: number;
  /** Limits for each client under a grant on its own (an officer's viewer, or a system). */
  readonly officerRequestsPerMinute: number;
  readonly officerPersonsPerHour: number;
  /** Subject access reports show disclosures under this purpose only after this delay (covert work). */
  readonly notificationDelayDays: number;
  /** Flagged media may go out unblurred under this purpose, on grants leadership approved for it. */
  readonly allowUnblurredMedia: boolean;
  /** The ceiling of its grants' row scopes (`policy/row-scope.ts`); null or absent: every record. */
  readonly rowScope?: RowScope | null;
  /** Fields the viewer lets officers copy, by record type (`policy/copyable-fields.ts`); null or absent: none. */
  readonly copyable?: Readonly<Record<string, readonly string[]>> | null;
  /** Record requests must carry a reference and a reason (`policy/request-reason.ts`); absent: not required. */
  readonly reasonRequired?: boolean;
  readonly status: 'active' | 'retired';
  readonly version: number;
  readonly etag: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const GRANT_STATUSES = ['pending', 'active', 'suspended', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** A purpose activated for one agency inside a disclosure window. */
export interface Grant {
  readonly id: string;
  readonly purposeId: string;
  readonly agencyId: string;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Seconds a delivered payload stays readable in the viewer; never past `notAfter`. */
  readonly dataLife: number;
  /** When set, the grant covers only these record ids (e.g. one outbreak's contacts). */
  readonly recordIds: readonly string[] | null;
  /** Which records the grant covers by places, dates and links (`policy/row-scope.ts`); null or absent: every record. */
  readonly rowScope?: RowScope | null;
  /** The grant asks for flagged media unblurred (only if the purpose allows it). */
  readonly mediaUnblurred: boolean;
  /** The grant asks for cases marked sensitive (only with two leadership approvals; otherwise they are answered as missing). */
  readonly sensitiveCases: boolean;
  /** Officers with the leadership role who approved what the grant asks of leadership: unblurred media, sensitive cases (two distinct ones are needed). */
  readonly leadershipApprovals: readonly string[];
  /**
   * The standing now, read with the grant, of the officers in `leadershipApprovals` (one entry per
   * officer still registered): an approval counts only while its officer keeps the role and is
   * active (see `policy/leadership-approvals.ts`).
   */
  readonly leadershipApprovers: readonly ApproverStanding[];
  readonly status: GrantStatus;
  readonly note: string;
  readonly version: number;
  readonly etag: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const GRANT_REQUEST_ACTIONS = ['activate', 'extend', 'resume', 'scope'] as const;
export type GrantRequestAction = (typeof GRANT_REQUEST_ACTIONS)[number];

/** A change that widens access and waits for a second privacy officer. */
export interface GrantRequest {
  readonly id: string;
  readonly grantId: string;
  readonly action: GrantRequestAction;
  readonly newNotAfter: number | null;
  /** For `scope`: the row scope asked for (null: every record). */
  readonly newRowScope?: RowScope | null;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly reason: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
}

/** What an approval's weight depends on: who the approving officer is now. */
export interface ApproverStanding {
  readonly id: string;
  readonly kind: ClientKind;
  readonly status: 'active' | 'suspended';
  readonly roles: readonly string[];
}

/** Approvals by leadership a grant needs before flagged media leave it unblurred. */
export const LEADERSHIP_APPROVALS_FOR_MEDIA = 2;

/** Approvals by leadership a grant needs before cases marked sensitive leave it (the directive: leadership approves sensitive case documents). */
export const LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES = 2;

/** Roles a privacy officer may hold besides administration. */
export const OFFICER_ROLES = ['leadership'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Kinds of registered client. */
export const CLIENT_KINDS = ['partner', 'data_owner', 'privacy_officer', 'officer'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];
