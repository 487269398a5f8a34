import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { initialLang, isLang, LANG_NAMES, LANG_STORAGE_KEY, LANGS, translate, translator, type Lang, type Translate } from '../lib/i18n/lang.js';

interface I18nValue {
  readonly lang: Lang;
  readonly t: Translate;
  readonly setLang: (lang: Lang) => void;
}

const I18n = createContext<I18nValue>({ lang: 'en', t: translator('en'), setLang: () => undefined });

function storedLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The page's language, remembered in the extension's own storage and followed across its pages: a
 * switch in the popup changes an open viewer too.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang(storedLang(), navigator.language));
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // storage refused: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === LANG_STORAGE_KEY && isLang(e.newValue)) setLangState(e.newValue);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    // The tab's name too: the page's built-in title is the English one.
    document.title = translate(lang, 'appTitle');
  }, [lang]);
  const value = useMemo(() => ({ lang, t: translator(lang), setLang }), [lang, setLang]);
  return <I18n.Provider value={value}>{children}</I18n.Provider>;
}

/** The current language and its texts. */
export const useI18n = (): I18nValue => useContext(I18n);

/** The language switch: each language named in its own script. */
export function LangSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons laid out inline; role="group" with its label is what assistive technology needs, and a fieldset would only add a border and a legend to hide
    <div className="lang-switch" role="group" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} data-lang={l} aria-pressed={l === lang} className={l === lang ? 'current' : ''} onClick={() => setLang(l)}>
          {LANG_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
