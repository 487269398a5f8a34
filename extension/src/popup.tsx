import '@fontsource/noto-sans-khmer/400.css';
import './style/popup.css';
import { useEffect, useState } from 'react';
import { I18nProvider, LangSwitch, useI18n } from './components/i18n.js';
import { ask } from './lib/ask.js';
import { errorText } from './lib/error-text.js';
import { formatDigits } from './lib/i18n/format.js';
import { nameIn } from './lib/i18n/in-lang.js';
import { clockOffset, countdown } from './lib/countdown.js';
import type { Failure, OfficerGrant, OfficerProfile } from './lib/messages.js';

function Enrol({ onDone }: { onDone: (o: OfficerProfile) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [empty, setEmpty] = useState(false);
  return (
    // noValidate: an empty box is said here, in the officer's language, not by the browser's own
    // bubble, which speaks the browser's language.
    <form
      className="enrol"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setEmpty(code.trim() === '');
        if (code.trim() === '') return;
        setBusy(true);
        void ask({ type: 'enrol', code }).then((r) => {
          setBusy(false);
          if (r.ok) onDone(r.data);
          else setError(r.error);
        });
      }}
    >
      <h1>{t('enrolTitle')}</h1>
      <p>{t('enrolIntro')}</p>
      <label>
        {t('enrolCode')}
        <input
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('enrolCodeHint')}
          required
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? t('enrolling') : t('enrol')}
      </button>
      {empty && (
        <p className="form-problem" role="alert">
          {t('enrolCodeEmpty')}
        </p>
      )}
      {error !== null && (
        <p className="error" role="alert" data-code={error.code}>
          {errorText(t, error)}
        </p>
      )}
    </form>
  );
}

/** A countdown in the officer's language: "3 d 04:12:09", or "៣ ថ្ងៃ ០៤:១២:០៩" in Khmer. */
const countdownText = (lang: 'km' | 'en', text: string) => (lang === 'km' ? formatDigits('km', text.replace(/ d /, ' ថ្ងៃ ')) : text);

function GrantRow({ grant, now }: { grant: OfficerGrant; now: number }) {
  const { t, lang } = useI18n();
  const c = countdown(grant.not_before, grant.not_after, now);
  const title = nameIn(lang, grant.purpose_title, grant.purpose_title_km);
  const usable = grant.state === 'live' && c.state !== 'ended';
  const stateText = !usable
    ? t(grant.state === 'suspended' || grant.state === 'revoked' || grant.state === 'not_started' ? `state.${grant.state}` : 'state.ended')
    : c.state === 'ending_soon'
      ? t('state.ending_soon')
      : t('state.live');
  return (
    <li className={`grant ${usable ? c.state : 'ended'}`} data-grant={grant.grant}>
      <div className="title" lang={title.lang}>
        {title.text}
      </div>
      <div className="meta">
        <span className="state">{stateText}</span> · {t('grantLabel', { grant: grant.grant })}
      </div>
      {usable ? (
        <div className="left">
          {t('timeLeft')} <time className="countdown">{countdownText(lang, c.text)}</time>
        </div>
      ) : (
        <div className="left">{t('grantClosed')}</div>
      )}
      {usable && (
        <button
          type="button"
          onClick={() =>
            void chrome.tabs.create({
              url: chrome.runtime.getURL(`tabs/viewer.html?grant=${encodeURIComponent(grant.grant)}&purpose=${encodeURIComponent(grant.purpose)}`),
            })
          }
        >
          {t('openViewer')}
        </button>
      )}
    </li>
  );
}

/** The toolbar popup: enrolment, who is signed in, and the grants with time left in each window. */
function Popup() {
  const { t } = useI18n();
  const [officer, setOfficer] = useState<OfficerProfile | null | undefined>(undefined);
  const [grants, setGrants] = useState<readonly OfficerGrant[]>([]);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<Failure | null>(null);

  useEffect(() => {
    void ask({ type: 'status' }).then((r) => setOfficer(r.ok && r.data.enrolled ? r.data.officer : null));
  }, []);
  useEffect(() => {
    if (officer == null) return;
    const load = () =>
      void ask({ type: 'grants' }).then((r) => {
        if (!r.ok) return setError(r.error);
        setError(null);
        setGrants(r.data.grants);
        setOffset(clockOffset(r.data.server_time, Date.now()));
      });
    load();
    const refresh = setInterval(load, 60_000);
    return () => clearInterval(refresh);
  }, [officer]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  if (officer === undefined) return <main className="popup">{t('loading')}</main>;
  if (officer === null)
    return (
      <main className="popup">
        <LangSwitch />
        <Enrol onDone={setOfficer} />
      </main>
    );
  return (
    <main className="popup">
      <header>
        <LangSwitch />
        <div className="name">{officer.name}</div>
        <div className="id">{officer.officer_id}</div>
        <div className="agency" lang="km">
          {officer.agency_name_km ?? officer.agency_name}
        </div>
        {officer.agency_name_km !== null && <div className="agency">{officer.agency_name}</div>}
      </header>
      {error !== null && (
        <p className="error" role="alert" data-code={error.code}>
          {errorText(t, error)}
        </p>
      )}
      <h2>{t('yourGrants')}</h2>
      {grants.length === 0 ? (
        <p>{t('noGrants')}</p>
      ) : (
        <ul className="grants">
          {grants.map((g) => (
            <GrantRow key={g.grant} grant={g} now={now + offset} />
          ))}
        </ul>
      )}
    </main>
  );
}

/** The toolbar popup, in the officer's language. */
function PopupPage() {
  return (
    <I18nProvider>
      <Popup />
    </I18nProvider>
  );
}

export default PopupPage;
