import type { Agency, AdminApi, Purpose } from '../api.js';
import { currentLang } from '../i18n/i18n.js';
import { type PurposeTitles, purposeTitleIn } from '../purpose-name.js';
import type { OfficerSession } from '../session.js';

/** What every view gets: the API as the signed-in officer, where to draw, and how to report. */
export interface ViewContext {
  readonly api: AdminApi;
  readonly session: OfficerSession;
  readonly main: HTMLElement;
  /** Says something politely to screen readers and shows it in the status line. */
  announce(message: string): void;
  /** Draws the current view again with fresh data. */
  refresh(): void;
}

/** An agency's name in the current language (Khmer when the registry has one). */
export const agencyName = (agencies: readonly Agency[], id: string): string => {
  const a = agencies.find((x) => x.id === id);
  if (a === undefined) return id;
  return currentLang() === 'km' && a.name_km !== null ? a.name_km : a.name;
};

/** A purpose's title in the current language, falling back to the other (`purpose-name.ts`). */
export const purposeName = (p: PurposeTitles): string => purposeTitleIn(p, currentLang());

/** The title of purpose `id` in the current language ({@link purposeName}); its id when unknown. */
export const purposeTitle = (purposes: readonly Purpose[], id: string): string => {
  const p = purposes.find((x) => x.id === id);
  return p === undefined ? id : purposeName(p);
};
