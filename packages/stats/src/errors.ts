/** Stable codes of the errors this package throws for bad input. */
export type StatsErrorCode =
  | 'ERR_HIERARCHY' // a classification is not a tree with leaves at one depth
  | 'ERR_TABLE_TOO_LARGE' // the table would have more cells than allowed
  | 'ERR_PARAMETER' // a threshold, ε, bound or period out of range
  | 'ERR_BUDGET'; // a spend would exceed the privacy budget

/**
 * A coded error: the input was bad. A `TypeError` means the caller misused the API instead.
 *
 * @example
 * try { releaseTable(…) } catch (e) { if (e instanceof StatsError && e.code === 'ERR_TABLE_TOO_LARGE') … }
 */
export class StatsError extends Error {
  readonly code: StatsErrorCode;

  constructor(code: StatsErrorCode, message: string) {
    super(message);
    this.name = 'StatsError';
    this.code = code;
  }
}
