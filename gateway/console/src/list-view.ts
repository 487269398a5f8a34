/**
 * Pure: which items of a list the officer sees: those matching every chosen filter and the words
 * searched for (each word somewhere in the item's text, case and accents aside), without ended
 * items when "hide ended" is on, a page at a time.
 */

/** What the officer chose for one list. */
export interface ListChoice {
  readonly search: string;
  /** Filter name → chosen value ('' for any). */
  readonly filters: Readonly<Record<string, string>>;
  readonly hideEnded: boolean;
  /** 1-based. */
  readonly page: number;
}

/** How a list reads its items. */
export interface ListReading<T> {
  /** Everything searchable about an item (names, identifiers, titles). */
  text(item: T): string;
  /** The item's value for filter `name` (a list: the item matches when it holds the chosen value). */
  value(item: T, name: string): string | readonly string[];
  /** Whether the item has ended (revoked, expired, retired, suspended for good). */
  ended(item: T): boolean;
}

/** A page of the matching items. */
export interface ListPage<T> {
  readonly items: readonly T[];
  /** Matching items on every page. */
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The page of `items` the choice shows (the page number is kept within the pages there are).
 *
 * @example listPage(['a', 'b', 'c'], { search: '', filters: {}, hideEnded: false, page: 2 }, reading, 2) // { items: ['c'], total: 3, page: 2, pages: 2 }
 */
export function listPage<T>(items: readonly T[], choice: ListChoice, reading: ListReading<T>, pageSize: number): ListPage<T> {
  const words = fold(choice.search)
    .split(/\s+/)
    .filter((w) => w !== '');
  const matching = items.filter(
    (item) =>
      (!choice.hideEnded || !reading.ended(item)) &&
      Object.entries(choice.filters).every(([name, value]) => {
        const has = reading.value(item, name);
        return value === '' || (typeof has === 'string' ? has === value : has.includes(value));
      }) &&
      (words.length === 0 || words.every((w) => fold(reading.text(item)).includes(w))),
  );
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(1, choice.page), pages);
  return { items: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length, page, pages };
}
