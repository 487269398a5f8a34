import { markText } from '../lib/trace-mark/text.js';
import { useI18n } from './i18n.js';
import type { SearchRequest } from './SearchForm.js';

/** How many records the recent list keeps: a morning's worth of calls, short enough to scan. */
export const RECENT_MAX = 10;

/** A record opened in this session: what it is called, and the request that opens it again. */
export interface RecentEntry {
  readonly key: string;
  readonly type: string;
  readonly title: string;
  readonly request: SearchRequest;
}

/**
 * `entry` first, without an earlier entry for the same record, at most {@link RECENT_MAX}. The list
 * lives in the viewer page's memory only: it is never stored, and goes when the page closes or the
 * grant ends.
 */
export function remember(list: readonly RecentEntry[], entry: RecentEntry): RecentEntry[] {
  return [entry, ...list.filter((e) => e.key !== entry.key)].slice(0, RECENT_MAX);
}

/** The last records opened in this session, each one click away (a new request and a new logged view). */
export function RecentList({ entries, viewId, onOpen }: { entries: readonly RecentEntry[]; viewId: string | null; onOpen: (request: SearchRequest) => void }) {
  const { t } = useI18n();
  if (entries.length === 0) return null;
  return (
    <nav className="recent" aria-label={t('recentTitle')}>
      <h2>{t('recentTitle')}</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.key}>
            <button type="button" className="link" data-recent={e.key} onClick={() => onOpen(e.request)}>
              {viewId === null ? e.title : markText(e.title, viewId)} · {t(`type.${e.type}` as 'type.person')}
            </button>
          </li>
        ))}
      </ul>
      <p className="note">{t('recentHelp')}</p>
    </nav>
  );
}
