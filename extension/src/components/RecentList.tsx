import { useCallback, useEffect, useRef, useState } from 'react';
import type { HeldPayload, OpenedView } from '../lib/messages.js';
import { searchOptions, type SessionAllows } from '../lib/search-options.js';
import { markText } from '../lib/trace-mark/text.js';
import { useI18n } from './i18n.js';
import { recordTitle } from './RecordCard.js';
import { remember, type RecentEntry } from '../lib/recent.js';
import type { SearchRequest } from '../lib/search-options.js';

export type { RecentEntry } from '../lib/recent.js';

/**
 * The viewer's recent list: `asked(request, held)` notes what a search or fetch received; when its
 * view opens, its records go on the list, once per answer (not on each re-open after a blur). Each
 * entry opens again by record id where the purpose allows fetching (and the id is not a pseudonym),
 * else by the search that found it. An ended grant empties the list.
 */
export function useRecent(shown: { held: HeldPayload; view: OpenedView } | null, allows: SessionAllows | null, ended: boolean) {
  const [recent, setRecent] = useState<readonly RecentEntry[]>([]);
  const pending = useRef<{ request: SearchRequest; held: HeldPayload } | null>(null);
  const asked = useCallback((request: SearchRequest, held: HeldPayload) => {
    pending.current = { request, held };
  }, []);
  useEffect(() => {
    if (ended) setRecent([]);
  }, [ended]);
  useEffect(() => {
    const a = pending.current;
    if (shown === null || a === null || a.held !== shown.held) return;
    pending.current = null;
    const mayFetch = allows !== null && searchOptions(a.request.recordType, allows).some((o) => o.kind === 'id');
    setRecent((list) =>
      shown.view.records.reduce<RecentEntry[]>(
        (acc, rec) => {
          const id = typeof rec.id === 'string' && !rec.id.startsWith('psn_') ? rec.id : null;
          const request: SearchRequest = id !== null && mayFetch ? { kind: 'id', recordType: a.request.recordType, id } : a.request;
          const key = `${a.request.recordType}:${id ?? JSON.stringify(a.request)}`;
          return remember(acc, { key, type: a.request.recordType, title: recordTitle(rec), request });
        },
        [...list],
      ),
    );
  }, [shown, allows]);
  return { recent, asked };
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
