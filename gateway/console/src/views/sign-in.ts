/**
 * Sign-in: the officer picks their key file; it is read, checked, imported as a non-extractable
 * key and used to get an admin token. The file's text is dropped at once and the picker cleared.
 */
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { KeyFileError, MAX_KEY_FILE_BYTES, parseOfficerKeyFile } from '../key-file.js';
import { OfficerSession, SignInError } from '../session.js';
import { field } from '../ui.js';

export function signInView(onSignedIn: (session: OfficerSession) => void, notice: string | null): HTMLElement {
  const file = h('input', { type: 'file', id: 'key-file', name: 'key_file', accept: '.json,application/json', required: true });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signIn'));
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title', tabindex: -1 }, t('signInTitle')),
    notice === null ? null : h('p', { class: 'callout callout-warn', role: 'status' }, notice),
    h('p', {}, t('signInIntro')),
    field(t('keyFile'), file, t('keyFileHelp')),
    errors,
    submit,
  );
  const fail = (message: string) => errors.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert' }, message));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (chosen === undefined) return;
    submit.disabled = true;
    submit.textContent = t('signingIn');
    errors.replaceChildren();
    (async () => {
      if (chosen.size > MAX_KEY_FILE_BYTES) throw new KeyFileError('too large');
      const parsed = parseOfficerKeyFile(await chosen.text());
      file.value = '';
      return OfficerSession.signIn(parsed);
    })()
      .then(onSignedIn)
      .catch((err: unknown) => {
        file.value = '';
        if (err instanceof KeyFileError) fail(t('keyFileInvalid'));
        else if (err instanceof SignInError && err.kind === 'wrong_origin') fail(t('wrongOrigin', { url: `${err.detail}/console` }));
        else if (err instanceof SignInError && err.kind === 'wrong_issuer') fail(t('keyFileIssuer', { issuer: err.detail }));
        else if (err instanceof SignInError && err.kind === 'refused') fail(t('signInRefused', { code: err.detail }));
        else fail(t('errorNetwork'));
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = t('signIn');
      });
  });
  return form;
}
