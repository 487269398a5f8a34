import { defaultReasonRequired, purposeIssues, type Purpose } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { AdminStores } from '../../store/ports/index.js';
import { officerShareOf } from '../access/limits.js';

/** The terms of a purpose that are stored and versioned (no identity, version or concurrency fields). */
export type PurposeTerms = Omit<Purpose, 'id' | 'version' | 'etag' | 'createdBy' | 'createdAt' | 'updatedAt'>;

/** The terms as a privacy officer proposes them: one officer's limits may be left to the default share. */
export type PurposeTermsAsked = Omit<PurposeTerms, 'officerRequestsPerMinute' | 'officerPersonsPerHour' | 'reasonRequired' | 'titleKm'> & {
  /** The title in Khmer; null: none. Absent: none on registration, unchanged on replacement. */
  readonly titleKm?: string | null;
  readonly officerRequestsPerMinute?: number;
  readonly officerPersonsPerHour?: number;
  /** Absent: policy's default (`defaultReasonRequired`: yes when the purpose discloses anything about persons). */
  readonly reasonRequired?: boolean;
};

/**
 * The terms to store for `asked`, valid only as `purposeIssues` decides (400 `validation_failed` with
 * the issues otherwise): actions and agencies once each, one officer's limits defaulting to their share
 * of the grant's, a stated reason required by default when it discloses anything about persons.
 */
export async function validTerms(stores: Pick<AdminStores, 'registry'>, asked: PurposeTermsAsked): Promise<PurposeTerms> {
  const known = new Set((await stores.registry.listAgencies()).map((a) => a.id));
  const issues = purposeIssues(asked, known);
  if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The purpose is not valid.', { issues });
  return {
    title: asked.title,
    titleKm: asked.titleKm ?? null,
    legalBasis: asked.legalBasis,
    description: asked.description,
    rules: asked.rules,
    actions: [...new Set(asked.actions)],
    agencies: [...new Set(asked.agencies)],
    maxTokenLifetime: asked.maxTokenLifetime,
    requestsPerMinute: asked.requestsPerMinute,
    personsPerHour: asked.personsPerHour,
    officerRequestsPerMinute: asked.officerRequestsPerMinute ?? officerShareOf(asked.requestsPerMinute),
    officerPersonsPerHour: asked.officerPersonsPerHour ?? officerShareOf(asked.personsPerHour),
    notificationDelayDays: asked.notificationDelayDays,
    allowUnblurredMedia: asked.allowUnblurredMedia,
    rowScope: asked.rowScope ?? null,
    copyable: asked.copyable ?? null,
    reasonRequired: asked.reasonRequired ?? defaultReasonRequired(asked.rules),
    status: asked.status,
  };
}
