import type { KeyRing } from '@need2know/crypto';
import type { LinkedPerson } from '@need2know/deidentify';

/** What {@link minimiseRecord} needs besides the record and the purpose's modes. */
export interface MinimiseContext {
  /** The gateway's key ring, for per-agency pseudonyms. */
  readonly ring: KeyRing;
  /** The receiving agency: the scope of its pseudonyms (stable for it, unlinkable across agencies). */
  readonly agency: string;
  /** Today as YYYY-MM-DD: decides who is a minor, ages, and whether a listing is in force. */
  readonly today: string;
  /** The purpose allows unblurred media and leadership approved it for this disclosure. */
  readonly mediaUnblurred: boolean;
  /**
   * The persons linked to a record (by its id), for text fields disclosed `redacted`
   * (`linkedPersonsOf`); undefined for a record whose persons were not read. Needed only when a
   * purpose redacts a text field: without it that field throws rather than leave unredacted.
   */
  readonly linkedPersons?: (recordId: string) => readonly LinkedPerson[] | undefined;
}

/** The `blurred` suffix the media service understands: it serves the blurred rendition of the reference. */
export const BLURRED_SUFFIX = '#blurred';

/**
 * The `redacted` suffix: the media service serves the reference's redacted rendition (faces and the
 * owner's regions hidden), or its blurred one where no redaction can be vouched for.
 */
export const REDACTED_SUFFIX = '#redacted';

/** Evidence flags that make an item sensitive: released blurred unless the media may go unblurred. */
export const BLUR_FLAGS = ['shows_minor', 'shows_restrained', 'shows_victim', 'shows_witness'] as const;
