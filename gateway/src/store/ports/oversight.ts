/**
 * What oversight reads of storage: the index of disclosures the log object keeps for reports (who
 * received what about whom, day by day and by person), and the reveals of a view being traced. Reads
 * only; the log is the record, and the index may trail it by moments (flush the log's index first).
 */

/** A disclosed answer about some of the subjects asked for, with its purpose's notification delay. */
export interface SubjectDisclosureRow {
  readonly id: string;
  readonly at: number;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly action: string;
  readonly recordType: string;
  readonly fields: Record<string, string>;
  readonly logIndex: number;
  /** `notificationDelayDays` of the purpose. */
  readonly delayDays: number;
}

/** One row of the agency usage report: a day, an agency, a purpose. */
export interface UsageRow {
  readonly day: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly disclosures: number;
  readonly persons: number;
  readonly fieldsDisclosed: number;
  readonly notFound: number;
  readonly rateLimited: number;
  readonly keysDestroyed: number;
  /** Requests refused for their stated reason: a required one missing, or a malformed one. */
  readonly reasonRefused: number;
}

/** Outcome counts of one agency and purpose in one time slot (`slot`: the index of the slot asked for). */
export interface SlotCounts {
  readonly slot: number;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly disclosed: number;
  readonly refused: number;
  readonly rateLimited: number;
}

/** One reveal as the view trace reads it; `reason` is sealed at `keyVersion` (0: stored in clear before sealing). */
export interface StoredReveal {
  readonly id: string;
  readonly at: number;
  readonly reason: string;
  readonly keyVersion: number;
  readonly logIndex: number;
}

/** What a search of the log may narrow by (every member optional; `from` inclusive, `to` exclusive, Unix seconds). */
export interface DisclosureLogFilter {
  readonly agencyId?: string;
  readonly clientId?: string;
  readonly purposeId?: string;
  readonly grantId?: string;
  readonly recordType?: string;
  readonly outcome?: string;
  readonly from?: number;
  readonly to?: number;
}

/** Where a page starts: after the row at `at` with id `id` (rows are ordered by time, then id, newest first). */
export interface DisclosureLogCursor {
  readonly at: number;
  readonly id: string;
}

/** One row of the disclosure log, without the persons it concerned. */
export interface DisclosureLogRow {
  readonly id: string;
  readonly at: number;
  readonly clientId: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly action: string;
  readonly recordType: string;
  readonly fields: Record<string, string>;
  readonly outcome: string;
  /** Where the entry stands in the tamper-evident log (null until the index has it). */
  readonly logIndex: number | null;
  /** How many persons the answer concerned. */
  readonly persons: number;
}

/** The reads of oversight's reports and traces. */
export interface OversightStore {
  /** Disclosed answers (outcome `disclosed`) concerning any of `subjects` (keyed hashes of persons), oldest first (`at`, then log index). */
  disclosuresAboutSubjects(subjects: readonly string[]): Promise<SubjectDisclosureRow[]>;
  /**
   * Per UTC day, agency and purpose with anything in [from, to) (of one agency when given): answers
   * given, distinct persons concerned, fields disclosed, and the refusals by outcome; by day, agency, purpose.
   */
  usageByDay(from: number, to: number, agencyId?: string): Promise<UsageRow[]>;
  /**
   * Per registered agency and purpose, for each of `slots` ([start, end) in Unix seconds): answers
   * given, answers whose outcome is one of `refusedOutcomes`, requests stopped by a rate limit.
   * Slots and pairs with nothing are absent; no order is promised.
   */
  outcomeCountsBySlot(
    slots: readonly (readonly [number, number])[],
    refusedOutcomes: readonly string[],
    filter?: { readonly agencyId?: string; readonly purposeId?: string },
  ): Promise<SlotCounts[]>;
  /** How many of `subjects` the disclosure `disclosureId` was about. */
  subjectsInDisclosure(disclosureId: string, subjects: readonly string[]): Promise<number>;
  /** The reveals made from view `viewId`, oldest first. */
  revealsOfView(viewId: string): Promise<StoredReveal[]>;
  /**
   * The disclosure log as privacy officers search it: up to `limit` rows matching every member of
   * `filter` that is set, newest first (`at`, then id, descending), after `cursor` when given. A row
   * gives how many persons it concerned, never which.
   */
  searchDisclosureLog(filter: DisclosureLogFilter, cursor: DisclosureLogCursor | null, limit: number): Promise<DisclosureLogRow[]>;
}
