import '@fontsource/noto-sans-khmer/400.css';
import '@fontsource/noto-sans-khmer/600.css';
import '../style/viewer.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { installCopyGuard } from '../components/copy-guard.js';
import { guardedOverlay, type OverlayHandle } from '../components/guarded-overlay.js';
import { RecordCard } from '../components/RecordCard.js';
import { SearchForm, type SearchRequest } from '../components/SearchForm.js';
import { rgbaTile, watermarkTile } from '../components/watermark-tile.js';
import { ask } from '../lib/ask.js';
import { clockOffset } from '../lib/countdown.js';
import { atDeadline } from '../lib/deadline.js';
import type { BlockedAction, Failure, HeldPayload, OfficerGrant, OfficerProfile, OpenedView } from '../lib/messages.js';
import { imageMarkTile } from '../lib/trace-mark/image.js';

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

type Shown = { held: HeldPayload; view: OpenedView; startedAt: number };

/**
 * The viewer: search and open records under one grant. Records arrive sealed; each rendering opens
 * them through the gateway (a logged view), under a watermark and a trace mark, with copying blocked.
 * When the page loses focus or visibility the content is dropped and re-opened on return; when the
 * grant ends, or the record's window or data life does, it is dropped for good.
 */
function Viewer() {
  const [officer, setOfficer] = useState<OfficerProfile | null>(null);
  const [grant, setGrant] = useState<OfficerGrant | null>(null);
  const [held, setHeld] = useState<HeldPayload | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [ended, setEnded] = useState(false);
  // The gateway's clock minus the device's (ms): deadlines are the gateway's.
  const [offset, setOffset] = useState(0);
  const [blockedTotal, setBlockedTotal] = useState(0);
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
      if (g === null || g.state !== 'live') setEnded(true);
    });
  }, []);

  const blocked = useCallback((action: BlockedAction) => {
    counts.current[action] = (counts.current[action] ?? 0) + 1;
    setBlockedTotal((n) => n + 1);
  }, []);

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
    const info = { officerName: officer.name, officerId: officer.officer_id, agency: officer.agency_name, purpose: grant?.purpose_title ?? UNDER.purpose, grant: UNDER.grant, viewId: viewId ?? '—' };
    const draw = () => overlay.current?.setLayers([watermarkTile(info, Date.now()), ...(viewId === null ? [] : [rgbaTile(imageMarkTile(viewId))])]);
    draw();
    const minute = setInterval(draw, 60_000);
    // Zoom or a move to a screen of another scale changes devicePixelRatio: draw the tiles again.
    window.addEventListener('resize', draw);
    return () => {
      clearInterval(minute);
      window.removeEventListener('resize', draw);
    };
  }, [officer, grant, viewId]);

  const open = useCallback(async (payload: HeldPayload) => {
    const started = performance.now();
    content.current?.removeAttribute('data-open-ms');
    const r = await ask({ type: 'open', ...UNDER, disclosure_id: payload.disclosure_id, epoch: payload.epoch, sealed_payload: payload.sealed_payload });
    if (!r.ok) {
      setShown(null);
      if (r.error.code === 'key_destroyed' || r.error.code === 'invalid_grant') setEnded(true);
      setError(r.error);
      return;
    }
    setError(null);
    setShown({ held: payload, view: r.data, startedAt: started });
  }, []);

  // Losing focus or visibility hides the record: the plaintext is dropped, and opening again on
  // return needs the gateway's permission again.
  useEffect(() => {
    const hide = () => {
      setHidden(true);
      setShown(null);
      blocked('focus_lost');
    };
    const show = () => {
      if (document.visibilityState !== 'visible') return;
      setHidden(false);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? hide() : show());
    window.addEventListener('blur', hide);
    window.addEventListener('focus', show);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', hide);
      window.removeEventListener('focus', show);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [blocked]);
  useEffect(() => {
    if (!hidden && shown === null && held !== null && !ended) void open(held);
  }, [hidden, shown, held, ended, open]);

  // Dropping a record for good: off the screen, and not held to be opened again.
  const drop = useCallback((reason: { ended: true } | { error: Failure }) => {
    setShown(null);
    setHeld(null);
    if ('ended' in reason) setEnded(true);
    else setError(reason.error);
  }, []);

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
      () => drop(windowEnds <= keyDestroyed ? { ended: true } : { error: { code: 'data_life_over', message: 'The data life of this record is over: it can no longer be opened. Search again to receive it anew.' } }),
      () => Date.now() + offset,
    );
  }, [held, shown, grant, offset, drop]);

  async function search(req: SearchRequest) {
    setError(null);
    const r = req.kind === 'id' ? await ask({ type: 'fetch', ...UNDER, record_type: req.recordType, id: req.id }) : await ask({ type: 'search', ...UNDER, record_type: req.recordType, search: req.kind, terms: req.terms });
    if (!r.ok) {
      if (r.error.code === 'invalid_grant' || r.error.code === 'key_destroyed') setEnded(true);
      return setError(r.error);
    }
    // Held sealed; the effect above opens it through a logged view.
    setShown(null);
    setHeld(r.data);
  }

  const photo = { ...UNDER, viewId: viewId ?? '', mayReveal: grant?.may_reveal_media ?? false };
  return (
    <main>
      <header>
        <h1>need2know viewer</h1>
        {officer !== null && (
          <p className="who">
            {officer.name} · {officer.officer_id} · <span lang="km">{officer.agency_name_km ?? officer.agency_name}</span>
          </p>
        )}
        <p className="under">
          {grant?.purpose_title ?? UNDER.purpose} · grant {UNDER.grant}
          {grant !== null && <> · window ends {new Date(grant.not_after).toLocaleString('en-GB', { timeZone: 'Asia/Phnom_Penh' })} (Phnom Penh)</>}
        </p>
      </header>
      {ended ? (
        <section className="ended" role="alert">
          <h2>{grant?.state === 'revoked' ? 'This grant has been revoked' : grant?.state === 'suspended' ? 'This grant is suspended' : "This grant's window has ended"}</h2>
          <p>Records received under it can no longer be opened here.</p>
        </section>
      ) : (
        <SearchForm recordTypes={grant?.record_types ?? ['person']} onSubmit={search} />
      )}
      {error !== null && !ended && (
        <p className="error" role="alert" data-code={error.code}>
          {error.message}
        </p>
      )}
      <section className={`content${hidden ? ' hidden' : ''}`} aria-live="polite" data-view-id={viewId ?? ''} ref={content}>
        {hidden && held !== null && <p className="paused">Hidden while the viewer is not in front. Return to it to see the record again.</p>}
        {shown !== null && viewId !== null && (
          <>
            {shown.view.records.length === 0 && <p>No matching record that this grant may see.</p>}
            {shown.view.records.map((rec, i) => (
              <RecordCard key={`${viewId}-${i}`} record={rec} viewId={viewId} modes={shown.held.disclosure} photo={photo} />
            ))}
          </>
        )}
      </section>
      <footer>
        <span data-blocked={blockedTotal}>Blocked attempts this session: {blockedTotal}</span> · Every view is recorded in the audit log.
      </footer>
    </main>
  );
}

export default Viewer;
