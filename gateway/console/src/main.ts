/**
 * The privacy officer's console: signs the officer in with their own key, then shows grants and
 * their windows, what waits for approval, purposes, oversight and statistics, calling the same
 * admin API the command line uses. Routes live in the URL fragment and never carry personal data.
 */
import { adminApi } from './api.js';
import { actionableCount } from './approvals-waiting.js';
import { h, replace } from './dom.js';
import { currentLang, currentZone, LANG_NAMES, LANGS, num, setLang, setZone, t, zoneChoices, zoneLabel, type Lang } from './i18n/i18n.js';
import { IDLE_TIMEOUT_MS, IdleClock, MAX_SESSION_MS } from './idle.js';
import type { OfficerSession } from './session.js';
import { problemBox } from './ui.js';
import { approvalsView } from './views/approvals.js';
import type { ViewContext } from './views/context.js';
import { grantsView } from './views/grants.js';
import { oversightView } from './views/oversight.js';
import { disclosureLogView } from './views/disclosure-log.js';
import { purposeFormView } from './views/purpose-form.js';
import { purposeDetailView, purposeListView } from './views/purposes.js';
import { redactionAuditView } from './views/redaction-audit.js';
import { registryView } from './views/registry.js';
import { signInView } from './views/sign-in.js';
import { statisticsView } from './views/statistics.js';

/** How often the idle clock is consulted. */
const IDLE_CHECK_MS = 5_000;
const NOTICE_KEY = 'n2k.console.notice';

const root = document.getElementById('app') as HTMLElement;
let session: OfficerSession | null = null;
let renderSeq = 0;

const NAV = [
  { hash: '#/grants', key: 'navGrants' },
  { hash: '#/approvals', key: 'navApprovals' },
  { hash: '#/purposes', key: 'navPurposes' },
  { hash: '#/registry', key: 'navRegistry' },
  { hash: '#/oversight', key: 'navOversight' },
  { hash: '#/disclosures', key: 'navDisclosures' },
  { hash: '#/redactions', key: 'navRedactions' },
  { hash: '#/statistics', key: 'navStatistics' },
] as const;

function languageSwitch(onChange: () => void): HTMLElement {
  return h(
    'div',
    { class: 'lang', role: 'group', 'aria-label': t('language') },
    ...LANGS.map((l: Lang) =>
      h(
        'button',
        {
          type: 'button',
          lang: l,
          class: 'lang-button',
          'aria-pressed': currentLang() === l ? 'true' : 'false',
          'data-lang': l,
          onclick: () => {
            setLang(l);
            onChange();
          },
        },
        LANG_NAMES[l],
      ),
    ),
  );
}

function zoneSwitch(onChange: () => void): HTMLElement {
  const sel = h('select', { id: 'zone-select' }, ...zoneChoices().map((z) => h('option', { value: z }, zoneLabel(z))));
  sel.value = currentZone();
  sel.addEventListener('change', () => {
    setZone(sel.value);
    onChange();
  });
  return h('div', { class: 'zone-switch' }, h('label', { for: 'zone-select' }, t('timeZone')), sel);
}

/** Signs out: forgets the keys by reloading the page, leaving a notice to show after. */
function signOut(notice: string | null): void {
  session?.end();
  session = null;
  if (notice !== null) sessionStorage.setItem(NOTICE_KEY, notice);
  location.replace('/console');
}

function renderSignIn(): void {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  document.title = `${t('signInTitle')} — ${t('appTitle')}`;
  replace(
    root,
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, h('span', { class: 'product' }, t('product')), h('span', { class: 'app-title' }, t('appTitle'))),
      languageSwitch(renderSignIn),
    ),
    h('main', { id: 'main', class: 'main narrow' }, signInView(startSession, notice)),
  );
  (root.querySelector('h1') as HTMLElement | null)?.focus();
}

function startSession(s: OfficerSession): void {
  session = s;
  const clock = new IdleClock(Date.now());
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const)
    document.addEventListener(type, () => clock.touch(Date.now()), { passive: true, capture: true });
  window.setInterval(() => {
    const state = clock.state(Date.now());
    if (state.kind === 'ended')
      signOut(state.why === 'idle' ? t('signedOutIdle', { minutes: IDLE_TIMEOUT_MS / 60_000 }) : t('signedOutMax', { hours: MAX_SESSION_MS / 3600_000 }));
    const show = state.kind === 'warning';
    const banner = document.querySelector('.idle-warning');
    if (banner instanceof HTMLElement) {
      banner.hidden = !show;
      if (show) banner.textContent = t('idleWarning', { minutes: Math.max(1, Math.ceil(state.msLeft / 60_000)) });
    }
  }, IDLE_CHECK_MS);
  window.addEventListener('hashchange', renderApp);
  if (location.hash === '' || location.hash === '#') history.replaceState(null, '', '#/grants');
  renderApp();
}

/**
 * How many waiting requests the signed-in officer may act on, as a badge on the Approvals tab (filled
 * in when the API answers): not their own, leadership approvals (grants, and requests to compare a
 * photo with its original) only for a leadership officer (`approvals-waiting.ts`, the policy's rules).
 */
function approvalsBadge(ctx: ViewContext): HTMLElement {
  const badge = h('span', { class: 'count-badge', hidden: true });
  Promise.all([ctx.api.grantRequests(), ctx.api.adminRequests(), ctx.api.grants(), ctx.api.originalAudits(), ctx.api.client(ctx.session.officer)])
    .then(([grantRequests, registryRequests, grants, originalAudits, me]) => {
      const n = actionableCount({ id: ctx.session.officer, roles: me.roles }, { grantRequests, registryRequests, grants, originalAudits });
      badge.dataset.approvalsWaiting = String(n);
      badge.textContent = num(n);
      badge.setAttribute('aria-label', t('approvalsWaiting', { n: num(n) }));
      badge.hidden = n === 0;
    })
    .catch(() => {
      // The badge is a convenience: the Approvals page itself says what waits.
    });
  return badge;
}

function renderApp(): void {
  const s = session;
  if (s === null) {
    renderSignIn();
    return;
  }
  const hash = location.hash;
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const main = h('main', { id: 'main', class: 'main', tabindex: -1 }, h('p', { class: 'loading' }, t('loading')));
  const ctx: ViewContext = {
    api: adminApi(s),
    session: s,
    main,
    announce: (message) => {
      sessionStorage.setItem('n2k.console.status', message);
      status.textContent = message;
    },
    refresh: renderApp,
  };
  replace(
    root,
    h('button', { type: 'button', class: 'skip', onclick: () => main.focus() }, t('skipToContent')),
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, h('span', { class: 'product' }, t('product')), h('span', { class: 'app-title' }, t('appTitle'))),
      h(
        'div',
        { class: 'top-tools' },
        languageSwitch(renderApp),
        zoneSwitch(renderApp),
        h('span', { class: 'officer', 'data-officer': s.officer }, t('signedInAs', { officer: s.name })),
        h('button', { type: 'button', class: 'secondary', onclick: () => signOut(null) }, t('signOut')),
      ),
    ),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('appTitle') },
      ...NAV.map((n) =>
        h('a', { href: n.hash, 'aria-current': hash.startsWith(n.hash) ? 'page' : null }, t(n.key), n.hash === '#/approvals' ? approvalsBadge(ctx) : null),
      ),
    ),
    h('p', { class: 'idle-warning', role: 'alert', hidden: true }),
    status,
    main,
  );
  const previous = sessionStorage.getItem('n2k.console.status');
  if (previous !== null) {
    status.textContent = previous;
    sessionStorage.removeItem('n2k.console.status');
  }
  const seq = ++renderSeq;
  const parts = hash.replace(/^#\/?/, '').split('/');
  const view =
    parts[0] === 'approvals'
      ? approvalsView(ctx)
      : parts[0] === 'oversight'
        ? oversightView(ctx)
        : parts[0] === 'disclosures'
          ? disclosureLogView(ctx)
          : parts[0] === 'statistics'
            ? statisticsView(ctx, parts.slice(1))
            : parts[0] === 'registry'
              ? registryView(ctx)
              : parts[0] === 'purposes' && parts[1] === 'new'
                ? purposeFormView(ctx, null)
                : parts[0] === 'purposes' && parts[1] !== undefined && parts[2] === 'edit'
                  ? purposeFormView(ctx, decodeURIComponent(parts[1]))
                  : parts[0] === 'purposes' && parts[1] !== undefined
                    ? purposeDetailView(ctx, decodeURIComponent(parts[1]))
                    : parts[0] === 'purposes'
                      ? purposeListView(ctx)
                      : parts[0] === 'redactions'
                        ? redactionAuditView(ctx)
                        : grantsView(ctx);
  document.title = `${t(NAV.find((n) => hash.startsWith(n.hash))?.key ?? 'navGrants')} — ${t('appTitle')}`;
  view
    .then((el) => {
      if (seq !== renderSeq) return;
      main.replaceChildren(el);
      (main.querySelector('h1') as HTMLElement | null)?.focus({ preventScroll: true });
      root.dataset.ready = hash;
    })
    .catch((err: unknown) => {
      if (seq === renderSeq) main.replaceChildren(problemBox(err));
    });
}

setLang(currentLang());
renderSignIn();
