import '@fontsource/noto-sans-khmer/400.css';
import '@fontsource/noto-sans-khmer/600.css';
import '../style/viewer.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { installCopyGuard } from '../components/copy-guard.js';
import { guardedOverlay, type OverlayHandle } from '../components/guarded-overlay.js';
import { I18nProvider, LangSwitch, useI18n } from '../components/i18n.js';
import type { RecordLinks } from '../components/LinkedRecords.js';
import { RecentList, useRecent } from '../components/RecentList.js';
import { RecordCard } from '../components/RecordCard.js';
import { isRecordType, SearchForm, type SearchRequest } from '../components/SearchForm.js';
import { StatedReasonPrompt } from '../components/StatedReasonPrompt.js';
import { rememberReference, type Stated } from '../lib/stated-reason.js';
import { rgbaTile, watermarkTile } from '../components/watermark-tile.js';
import { ask } from '../lib/ask.js';
import { clockOffset } from '../lib/countdown.js';
import { atDeadline } from '../lib/deadline.js';
import { errorText } from '../lib/error-text.js';
import { formatDateTime } from '../lib/i18n/format.js';
import { nameIn } from '../lib/i18n/in-lang.js';
import type { BlockedAction, Failure, HeldPayload, OfficerGrant, OfficerProfile, OpenedView } from '../lib/messages.js';
import { optionKey, searchOptions, type SessionAllows } from '../lib/search-options.js';
import { imageMarkTile } from '../lib/trace-mark/image.js';
import type { MessageKey } from '../lib/i18n/en.js';
import { blockedNotice } from '../lib/view-return.js';
import { useSameViewReturn } from '../components/same-view-return.js';
import { useCopyField, useNoticeTimeout } from '../components/copy-field.js';

/** Blocked attempts are sent in batches this often (ms). */
const REPORT_EVERY_MS = 2000;

/**
 * While it holds a record, the viewer asks the gateway this often (ms) whether the grant is still
 * live: revoking, suspending or shortening a grant clears what is on screen within this time. One
 * small read per open viewer every few seconds.
 */
const GRANT_CHECK_EVERY_MS = 3000;

const params = new URLSearchParams(location.search);
const UNDER = { grant: params.get('grant') ?? '', purpose: params.get('purpose') ?? '' };

/** What is on screen: the held delivery, its opened view, and when opening began. */
export type Shown = { held: HeldPayload; view: OpenedView; startedAt: number };
/** A refusal and the request it answered (a miss reads differently for a fetch and a search). */
type ShownError = { failure: Failure; during?: 'fetch' | 'search' };
/** What the session allows when the gateway cannot say: nothing, so the form offers nothing. */
const NOTHING_ALLOWED: SessionAllows = { actions: [], disclosure: {} };

/**
 * The viewer: search and open records under one grant. Records arrive sealed; each rendering opens
 * them through the gateway (a logged view), under a watermark and a trace mark, with copying blocked.
 * When the page loses focus or visibility the content is hidden; a return within SAME_VIEW_RETURN_MS
 * is the same view if the gateway agrees (its hidden interval logged), else, and after that time, the
 * record is opened again as a new view. When the grant ends, or the record's window or data life
 * does, it is dropped for good.
 */
function Viewer() {
  const { t, lang } = useI18n();
  const [officer, setOfficer] = useState<OfficerProfile | null>(null);
  const [grant, setGrant] = useState<OfficerGrant | null>(null);
  const [held, setHeld] = useState<HeldPayload | null>(null);
  // What is held now, for answers that arrive after it changed.
  const heldNow = useRef<HeldPayload | null>(null);
  heldNow.current = held;
  // Counts searches, so that only the latest one's answer is held.
  const searchSeq = useRef(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [hidden, setHidden] = useState(false);
  const [error, setErrorState] = useState<ShownError | null>(null);
  const setError = useCallback(
    (failure: Failure | null, during?: 'fetch' | 'search') => setErrorState(failure === null ? null : { failure, ...(during === undefined ? {} : { during }) }),
    [],
  );
  const [allows, setAllows] = useState<SessionAllows | null>(null);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);
  // The gateway's clock minus the device's (ms): deadlines are the gateway's.
  const [offset, setOffset] = useState(0);
  const [blockedTotal, setBlockedTotal] = useState(0);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  // What is shown and allowed now, for the window and copy handlers.
  const shownNow = useRef<Shown | null>(null);
  shownNow.current = shown;
  const allowsNow = useRef<SessionAllows | null>(null);
  allowsNow.current = allows;
  // When the window left the front (device clock, ms); null while it is in front.
  const hiddenAt = useRef<number | null>(null);
  const counts = useRef<Partial<Record<BlockedAction, number>>>({});
  const overlay = useRef<OverlayHandle | null>(null);
  const viewId = shown?.view.view_id ?? null;
  const content = useRef<HTMLElement | null>(null);

  // Time to open a record: from asking the gateway to the first frame painted with the record and
  // its watermark (decrypt, render, watermark), published for the end-to-end measurements.
  useEffect(() => {
    if (shown === null) return;
    const frame = requestAnimationFrame(() => {
      const total = performance.now() - shown.startedAt;
      content.current?.setAttribute('data-gateway-ms', shown.view.timing.gateway_ms.toFixed(1));
      // Decrypt, render and watermark: everything but waiting for the gateway.
      content.current?.setAttribute('data-local-ms', (total - shown.view.timing.gateway_ms).toFixed(1));
      content.current?.setAttribute('data-open-ms', total.toFixed(1));
    });
    return () => cancelAnimationFrame(frame);
  }, [shown]);

  useEffect(() => {
    void ask({ type: 'grants' }).then((r) => {
      if (!r.ok) return setError(r.error);
      setOfficer(r.data.officer);
      setOffset(clockOffset(r.data.server_time, Date.now()));
      const g = r.data.grants.find((x) => x.grant === UNDER.grant && x.purpose === UNDER.purpose) ?? null;
      setGrant(g);
      if (g === null || g.state !== 'live') return setEnded(true);
      // What the purpose allows now, so the form offers only the searches it allows.
      void ask({ type: 'session', ...UNDER }).then((s) => {
        if (!s.ok) setError(s.error);
        setAllows(s.ok ? s.data : NOTHING_ALLOWED);
      });
    });
  }, [setError]);

  const blocked = useCallback((action: BlockedAction) => {
    counts.current[action] = (counts.current[action] ?? 0) + 1;
    setBlockedTotal((n) => n + 1);
    // Said on the spot, in words: "Copying is blocked for this record".
    const key = blockedNotice(
      action,
      Object.values(allowsNow.current?.copyable ?? {}).some((f) => f.length > 0),
    );
    if (key !== null) setNotice(key);
  }, []);
  useNoticeTimeout(notice, setNotice);
  // What a printed page says instead of the record (viewer.css), in the officer's language.
  useEffect(() => {
    document.body.dataset.printNotice = t('printDisabled');
  }, [t]);
  const copyField = useCopyField(UNDER, shownNow, setNotice);

  // The copy guard, and the reports of what it blocked.
  useEffect(() => installCopyGuard(blocked), [blocked]);
  useEffect(() => {
    if (viewId === null) return;
    const timer = setInterval(() => {
      const pending = counts.current;
      if (Object.keys(pending).length === 0) return;
      counts.current = {};
      void ask({ type: 'report', ...UNDER, view_id: viewId, counts: pending });
    }, REPORT_EVERY_MS);
    return () => clearInterval(timer);
  }, [viewId]);

  // The watermark layer (and the invisible trace mark), kept in place.
  useEffect(() => {
    overlay.current = guardedOverlay(() => blocked('devtools'));
    return () => overlay.current?.dispose();
  }, [blocked]);
  useEffect(() => {
    if (officer === null || overlay.current === null) return;
    // In the officer's language: the agency's and the purpose's names, the words and the date.
    const info = {
      officerName: officer.name,
      officerId: officer.officer_id,
      agency: nameIn(lang, officer.agency_name, officer.agency_name_km).text,
      purpose: grant === null ? UNDER.purpose : nameIn(lang, grant.purpose_title, grant.purpose_title_km).text,
      grant: UNDER.grant,
      viewId: viewId ?? '—',
    };
    const draw = () => overlay.current?.setLayers([watermarkTile(info, Date.now(), lang), ...(viewId === null ? [] : [rgbaTile(imageMarkTile(viewId))])]);
    draw();
    const minute = setInterval(draw, 60_000);
    // Zoom or a move to a screen of another scale changes devicePixelRatio: draw the tiles again.
    window.addEventListener('resize', draw);
    return () => {
      clearInterval(minute);
      window.removeEventListener('resize', draw);
    };
  }, [officer, grant, viewId, lang]);

  const open = useCallback(
    async (payload: HeldPayload) => {
      const started = performance.now();
      content.current?.removeAttribute('data-open-ms');
      const r = await ask({ type: 'open', ...UNDER, disclosure_id: payload.disclosure_id, epoch: payload.epoch, sealed_payload: payload.sealed_payload });
      // A new search (or a drop) replaced what was held meanwhile: this answer is no longer wanted on screen.
      if (heldNow.current !== payload) return;
      if (!r.ok) {
        setShown(null);
        if (r.error.code === 'key_destroyed' || r.error.code === 'invalid_grant') setEnded(true);
        setError(r.error);
        return;
      }
      setError(null);
      setShown({ held: payload, view: r.data, startedAt: started });
    },
    [setError],
  );

  useSameViewReturn({ under: UNDER, shownNow, hiddenAt, blocked, setShown, setHidden });
  useEffect(() => {
    if (!hidden && shown === null && held !== null && !ended) void open(held);
  }, [hidden, shown, held, ended, open]);

  // Dropping a record for good: off the screen, and not held to be opened again.
  const drop = useCallback(
    (reason: { ended: true } | { error: Failure }) => {
      setShown(null);
      setHeld(null);
      if ('ended' in reason) setEnded(true);
      else setError(reason.error);
    },
    [setError],
  );
  const { recent, asked } = useRecent(shown, allows, ended);

  // Whatever ends the grant (revoked, suspended, window shortened) clears the record within seconds:
  // while a record is held, the viewer asks the gateway how the grant stands now.
  useEffect(() => {
    if (held === null) return;
    const check = () =>
      void ask({ type: 'grants' }).then((r) => {
        // The gateway no longer answers this officer (suspended, keys replaced): fail closed.
        if (!r.ok) return drop({ error: r.error });
        setOffset(clockOffset(r.data.server_time, Date.now()));
        const g = r.data.grants.find((x) => x.grant === UNDER.grant && x.purpose === UNDER.purpose) ?? null;
        setGrant((prev) => (prev !== null && g !== null && prev.state === g.state && prev.not_after === g.not_after ? prev : g));
        if (g === null || g.state !== 'live' || !(Date.parse(g.not_after) > Date.parse(r.data.server_time))) drop({ ended: true });
      });
    const timer = setInterval(check, GRANT_CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [held, drop]);

  // When the window (as the grant stands now) or the viewer key's life ends, the record goes for good:
  // it is not re-opened, so an ended life never turns into a loop of views. Deadlines may be months
  // away (a year-long window, a 30-day data life): `atDeadline` waits in steps a browser honours.
  useEffect(() => {
    if (held === null) return;
    const windowEnds = Math.min(held.window_ends * 1000, grant === null ? Number.POSITIVE_INFINITY : Date.parse(grant.not_after));
    const keyDestroyed = Math.min(held.destroy_at, shown?.view.destroy_at ?? Number.POSITIVE_INFINITY) * 1000;
    return atDeadline(
      Math.min(windowEnds, keyDestroyed),
      () => drop(windowEnds <= keyDestroyed ? { ended: true } : { error: { code: 'data_life_over', message: 'The data life of this record is over.' } }),
      () => Date.now() + offset,
    );
  }, [held, shown, grant, offset, drop]);

  // Under a purpose that requires it, each search or opened record first asks for a reference and a
  // reason (the prompt below); they go with the request and with the photos of the record it opens.
  const [pending, setPending] = useState<SearchRequest | null>(null);
  const [stated, setStated] = useState<Stated | undefined>(undefined);

  // A new search clears the screen first: an error never leaves the previous record under it.
  const run = useCallback(
    async (req: SearchRequest, withStated?: Stated) => {
      const st = withStated === undefined ? {} : { stated: withStated };
      setStated(withStated);
      setShown(null);
      setHeld(null);
      setError(null);
      setBusy(true);
      const seq = ++searchSeq.current;
      const r =
        req.kind === 'id'
          ? await ask({ type: 'fetch', ...UNDER, record_type: req.recordType, id: req.id, ...st })
          : await ask({ type: 'search', ...UNDER, record_type: req.recordType, search: req.search, terms: { ...req.terms }, ...st });
      if (seq !== searchSeq.current) return;
      setBusy(false);
      if (!r.ok) {
        if (r.error.code === 'invalid_grant' || r.error.code === 'key_destroyed') setEnded(true);
        return setError(r.error, req.kind === 'id' ? 'fetch' : 'search');
      }
      // Held sealed; the effect above opens it through a logged view.
      asked(req, r.data);
      setHeld(r.data);
    },
    [setError, asked],
  );
  const reasonRequired = grant?.reason_required === true;
  const search = useCallback(
    async (req: SearchRequest) => {
      if (!reasonRequired) return run(req);
      setPending(req);
    },
    [reasonRequired, run],
  );

  // Links from a record to others: each a fetch or search like the form's, so each is a logged view.
  const links: RecordLinks = useMemo(() => {
    const offers = (type: string, key: string) =>
      allows !== null && (grant?.record_types ?? []).includes(type) && searchOptions(type, allows).some((o) => optionKey(o) === key);
    return {
      ...(offers('person', 'id') ? { openPerson: (id: string) => void search({ kind: 'id', recordType: 'person', id }) } : {}),
      byPhone: ['person', 'health_case']
        .filter((type) => offers(type, 'phone') && isRecordType(type))
        .map((type) => ({ type, open: (phone: string) => void search({ kind: 'search', recordType: type as 'person', search: 'phone', terms: { phone } }) })),
    };
  }, [allows, grant, search]);

  const photo = { ...UNDER, viewId: viewId ?? '', mayReveal: grant?.may_reveal_media ?? false, ...(stated === undefined ? {} : { stated }) };
  const copyableFields = shown === null ? undefined : allows?.copyable?.[shown.held.record_type];
  const copy = useMemo(
    () =>
      copyableFields === undefined || copyableFields.length === 0
        ? undefined
        : { fields: copyableFields, onCopy: (name: string, text: string) => void copyField(name, text) },
    [copyableFields, copyField],
  );
  const records = shown?.view.records ?? [];
  const agency = officer === null ? null : nameIn(lang, officer.agency_name, officer.agency_name_km);
  const purpose = grant === null ? null : nameIn(lang, grant.purpose_title, grant.purpose_title_km);
  return (
    <main>
      <header>
        <div className="title-row">
          <h1>{t('appTitle')}</h1>
          <LangSwitch />
        </div>
        {officer !== null && agency !== null && (
          <p className="who">
            {officer.name} · {officer.officer_id} · <span lang={agency.lang}>{agency.text}</span>
          </p>
        )}
        <p className="under">
          {/* The purpose marked with the language it is written in (English where it has no Khmer title). */}
          <span className="purpose" lang={purpose?.lang}>
            {purpose?.text ?? UNDER.purpose}
          </span>{' '}
          · {t('grantLabel', { grant: UNDER.grant })}
          {grant !== null && <> · {t('windowEnds', { when: formatDateTime(lang, grant.not_after) })}</>}
        </p>
      </header>
      {ended ? (
        <section className="ended" role="alert">
          <h2>{grant?.state === 'revoked' ? t('endedRevoked') : grant?.state === 'suspended' ? t('endedSuspended') : t('endedWindow')}</h2>
          <p>{t('endedBody')}</p>
        </section>
      ) : (
        <SearchForm recordTypes={grant?.record_types ?? []} allows={allows} busy={busy} onSubmit={search} />
      )}
      {pending !== null && !ended && (
        <StatedReasonPrompt
          onSubmit={(s) => {
            rememberReference(s.reference);
            setPending(null);
            void run(pending, s);
          }}
          onCancel={() => setPending(null)}
        />
      )}
      {error !== null && !ended && (
        <p className="error" role="alert" data-code={error.failure.code}>
          {errorText(t, error.failure, error.during)}
        </p>
      )}
      {!ended && !hidden && <RecentList entries={recent} viewId={viewId} onOpen={(req) => void search(req)} />}
      <section className={`content${hidden ? ' hidden' : ''}`} aria-live="polite" data-view-id={viewId ?? ''} ref={content}>
        {hidden && held !== null && <p className="paused">{t('hiddenWhileAway')}</p>}
        {shown !== null && viewId !== null && (
          <>
            {records.length === 0 && <p className="no-match">{t('noMatch')}</p>}
            {records.length > 1 && <p className="found">{t('found', { n: records.length })}</p>}
            {records.map((rec, i) => (
              <RecordCard
                key={`${viewId}-${i}`}
                type={shown.held.record_type}
                record={rec}
                viewId={viewId}
                modes={shown.held.disclosure}
                photo={photo}
                links={links}
                {...(copy === undefined ? {} : { copy })}
              />
            ))}
          </>
        )}
      </section>
      {notice !== null && (
        <p className="notice" role="status" aria-live="polite" data-notice={notice}>
          {t(notice)}
        </p>
      )}
      <footer>
        <span data-blocked={blockedTotal}>{t('blockedCount', { n: blockedTotal })}</span> · {t('everyViewLogged')}
      </footer>
    </main>
  );
}

/** The viewer tab, in the officer's language. */
function ViewerPage() {
  return (
    <I18nProvider>
      <Viewer />
    </I18nProvider>
  );
}

export default ViewerPage;
