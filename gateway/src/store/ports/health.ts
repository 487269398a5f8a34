/** What readiness reads of storage besides the key check (the keys' port): whether the schema is up to date. */
export interface HealthStore {
  /**
   * Whether migration `name` (its file name) was applied: `missing` too when no migration was ever
   * applied. Throws when the record of migrations cannot be read (readiness calls it unreadable).
   */
  migrationState(name: string): Promise<'applied' | 'missing'>;
}
