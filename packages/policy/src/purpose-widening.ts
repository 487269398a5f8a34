import type { DisclosureMode } from '@need2know/schema';
import { copyableWidenings, type CopyableFields } from './copyable-fields.js';
import { reasonWidenings } from './request-reason.js';
import { rowScopeWidenings } from './row-scope-change.js';
import type { RowScope } from './row-scope.js';
import type { Purpose } from './types.js';

/**
 * How much a mode reveals. Modes of equal rank reveal different things, so a switch between them also widens.
 * Media: `clear` ≥ `redacted` ≥ `blurred` for every photo (`renditionForMode`).
 */
const REVEALS: Record<DisclosureMode, number> = { none: 0, predicate: 1, generalised: 2, masked: 2, pseudonym: 2, blurred: 2, redacted: 3, clear: 4 };

/** The parts of a purpose that decide what may be disclosed, to whom, and how fast. */
export type PurposeTerms = Pick<
  Purpose,
  'rules' | 'actions' | 'agencies' | 'maxTokenLifetime' | 'requestsPerMinute' | 'personsPerHour' | 'notificationDelayDays' | 'status'
> & {
  readonly allowUnblurredMedia?: boolean;
  readonly officerRequestsPerMinute?: number;
  readonly officerPersonsPerHour?: number;
  /** The ceiling of its grants' row scopes; absent or null: every record. */
  readonly rowScope?: RowScope | null;
  /** Fields the viewer lets officers copy; absent or null: none. */
  readonly copyable?: CopyableFields | null;
  /** Record requests must carry a reference and a reason; absent: not required. */
  readonly reasonRequired?: boolean;
};

/**
 * The ways `next` would let more out than `current` (empty when it only narrows or keeps): a field
 * newly disclosed or in a more revealing or different mode, a new agency or action, higher limits,
 * longer tokens, a shorter notification delay, unblurred media allowed, a wider row scope, a stated reason no longer required, or a retired purpose made active. A change that
 * widens anything waits for a second privacy officer.
 */
export function purposeWidenings(current: PurposeTerms, next: PurposeTerms): string[] {
  const out: string[] = [];
  for (const [type, fields] of Object.entries(next.rules)) {
    for (const [field, mode] of Object.entries(fields)) {
      const before = current.rules[type]?.[field] ?? 'none';
      if (mode === before) continue;
      if (REVEALS[mode] > REVEALS[before] || (REVEALS[mode] === REVEALS[before] && mode !== 'none')) out.push(`rules.${type}.${field}: ${before} → ${mode}`);
    }
  }
  for (const a of next.agencies) if (!current.agencies.includes(a)) out.push(`agencies: + ${a}`);
  for (const a of next.actions) if (!current.actions.includes(a)) out.push(`actions: + ${a}`);
  if (next.maxTokenLifetime > current.maxTokenLifetime) out.push('max_token_lifetime raised');
  if (next.requestsPerMinute > current.requestsPerMinute) out.push('requests_per_minute raised');
  if (next.personsPerHour > current.personsPerHour) out.push('persons_per_hour raised');
  if ((next.officerRequestsPerMinute ?? 0) > (current.officerRequestsPerMinute ?? current.requestsPerMinute)) out.push('officer_requests_per_minute raised');
  if ((next.officerPersonsPerHour ?? 0) > (current.officerPersonsPerHour ?? current.personsPerHour)) out.push('officer_persons_per_hour raised');
  if (next.notificationDelayDays < current.notificationDelayDays) out.push('notification_delay_days lowered');
  if (current.status === 'retired' && next.status === 'active') out.push('status: retired → active');
  if (next.allowUnblurredMedia === true && current.allowUnblurredMedia !== true) out.push('allow_unblurred_media: false → true');
  for (const w of rowScopeWidenings(current.rowScope ?? null, next.rowScope ?? null)) out.push(`row_scope: ${w}`);
  out.push(...copyableWidenings(current.copyable, next.copyable));
  out.push(...reasonWidenings(current, next));
  return out;
}
