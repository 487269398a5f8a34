/**
 * Small accessible building blocks: labelled fields, status badges, refusals shown as the gateway
 * worded them, and modal dialogs (native `<dialog>`: focus is trapped and Escape closes it).
 */
import { ApiError } from './api.js';
import { h, uid, type Attrs } from './dom.js';
import { currentLang, t } from './i18n/i18n.js';
import { issueSentence, problemSentence, supportCode } from './i18n/problem-words.js';
export { ID_PATTERN } from './id-pattern.js';
import type { MessageKey } from './i18n/en.js';

/** A label, a control and optional help text, tied together for screen readers. */
export function field(label: string, control: HTMLElement, help?: string): HTMLElement {
  const id = control.id === '' ? uid('f') : control.id;
  control.id = id;
  const helpEl = help === undefined ? null : h('p', { class: 'help', id: `${id}-help` }, help);
  if (helpEl !== null) control.setAttribute('aria-describedby', helpEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, helpEl);
}

export const input = (attrs: Attrs = {}) => h('input', { type: 'text', ...attrs });

export function select(options: readonly { value: string; label: string }[], value: string, attrs: Attrs = {}): HTMLSelectElement {
  const el = h('select', attrs, ...options.map((o) => h('option', { value: o.value }, o.label)));
  el.value = value;
  return el;
}

/** A coloured badge with text (colour is never the only signal). */
export const badge = (text: string, kind: string) => h('span', { class: `badge badge-${kind}` }, text);

const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'statusPending',
  active: 'statusActive',
  suspended: 'statusSuspended',
  revoked: 'statusRevoked',
  expired: 'statusExpired',
};
export const statusText = (status: string): string => (STATUS_KEYS[status] === undefined ? status : t(STATUS_KEYS[status]));

/** Something the officer typed that the console cannot send (e.g. a private key), in words. */
export class FormProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormProblem';
  }
}

/** A refusal or failure, as an alert. */
export function problemBox(err: unknown): HTMLElement {
  if (err instanceof FormProblem) return h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, err.message));
  if (err instanceof ApiError) {
    const p = err.problem;
    const lang = currentLang();
    return h(
      'div',
      { class: 'alert alert-error', role: 'alert' },
      h('p', { 'data-problem': p.code }, problemSentence(p.code, lang)),
      p.issues === undefined || p.issues.length === 0 ? null : h('ul', {}, ...p.issues.map((i) => h('li', { 'data-path': i.path }, issueSentence(i, lang)))),
      // The gateway's own detail is English prose: shown to officers who read the console in English.
      p.detail === undefined || lang !== 'en' ? null : h('p', {}, p.detail),
      h('p', { class: 'muted' }, h('small', {}, supportCode(p.code, lang))),
    );
  }
  console.error(err);
  return h('div', { class: 'alert alert-error', role: 'alert' }, t('errorNetwork'));
}

/**
 * Opens a modal form. `submit` runs on the form's submission; the dialog closes when it resolves
 * and shows the refusal when it throws, keeping what the officer typed.
 */
export function openDialog(
  title: string,
  body: readonly Node[],
  submitLabel: string,
  submit: (form: HTMLFormElement) => Promise<void>,
  opts: { danger?: boolean } = {},
): HTMLDialogElement {
  const titleId = uid('dlg');
  const errors = h('div', { class: 'dialog-errors' });
  const submitButton = h('button', { type: 'submit', class: opts.danger === true ? 'danger' : 'primary' }, submitLabel);
  const form = h(
    'form',
    { class: 'dialog-form', novalidate: false },
    h('h2', { id: titleId }, title),
    ...body,
    errors,
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('cancel')), submitButton),
  );
  const dialog = h('dialog', { 'aria-labelledby': titleId }, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitButton.disabled = true;
    errors.replaceChildren();
    submit(form)
      .then(() => dialog.close())
      .catch((err: unknown) => errors.replaceChildren(problemBox(err)))
      .finally(() => {
        submitButton.disabled = false;
      });
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** A required reason field for dialogs that change something (it goes into the audit log). */
export function reasonField(required = true): HTMLElement {
  return field(t('reason'), h('textarea', { name: 'reason', rows: 2, maxlength: 500, required }), t('reasonHelp'));
}

/** A checkbox with its label, for a fieldset of choices. */
export function checkbox(name: string, label: string, attrs: Attrs = {}): { element: HTMLElement; box: HTMLInputElement } {
  const box = h('input', { type: 'checkbox', id: uid(name), name, ...attrs });
  return { element: h('div', { class: 'check' }, box, h('label', { for: box.id }, label)), box };
}

/** The value of the named control of `form`. */
export function formValue(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ? el.value.trim() : '';
}
