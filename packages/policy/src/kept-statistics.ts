/**
 * Protected statistics tables are kept between releases, instead of protecting the finest table
 * afresh on every request. A kept table is the protected finest table of one kind, year and threshold step,
 * made by one version of the code from one version of the data. Two rules decide what may be done
 * with it; storage reads the versions in the same statement as the table and only carries them out.
 */

/** What a kept table was made from, or what a table would be made from now. */
export interface TableProvenance {
  /** Version of the code and layout that protected it (`PROTECTED_TABLE_FORMAT`). */
  readonly format: number;
  /** Version of the records the table counts (record type and year), bumped with every commit of them. */
  readonly dataVersion: number;
  /** Version of the place list the table is laid out on. */
  readonly placesVersion: number;
}

/**
 * Whether a release may be cut from a table kept with provenance `kept` when the data and code in
 * force now are `now`: only when all three are the same. A table kept for other data, however
 * recently, is never used — a release reflects exactly the data in force (an older table would
 * publish figures of records since corrected, and one protected by other code might not nest with the
 * patterns of the steps beside it).
 *
 * @example mayServeKept({ format: 1, dataVersion: 7, placesVersion: 2 }, { format: 1, dataVersion: 8, placesVersion: 2 }) // false
 */
export function mayServeKept(kept: TableProvenance, now: TableProvenance): boolean {
  return kept.format === now.format && kept.dataVersion === now.dataVersion && kept.placesVersion === now.placesVersion;
}

/**
 * Whether a newly protected table with provenance `incoming` may replace the one kept with `kept`:
 * when it comes from other code, or from data at least as new in both versions. A slow computation
 * that finishes after a later one never puts older figures back. (Storage applies the same condition
 * in the statement that writes, so that the check and the write are one.)
 */
export function mayReplaceKept(kept: TableProvenance, incoming: TableProvenance): boolean {
  return incoming.format !== kept.format || (incoming.dataVersion >= kept.dataVersion && incoming.placesVersion >= kept.placesVersion);
}
