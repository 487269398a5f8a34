/**
 * One date input for the whole console (grant windows, the log's days, the row scope): a labelled
 * text field that shows and reads the day in the chosen language's format (`i18n/day-text.ts`) instead
 * of `<input type=date>`, which follows the browser's locale. The up and down arrow keys step a day;
 * a text that is not a day is said to be one in plain words, beside the field and to the browser's
 * own form check, so the form cannot be sent with it. `day()` gives ISO 8601 (`YYYY-MM-DD`), what
 * the gateway takes.
 */
import { h, uid } from './dom.js';
import { readDay } from '@need2know/zoned-time';
import { addDays, formatDay } from './i18n/day-text.js';
import { currentLang, t } from './i18n/i18n.js';

/** A day shown as the example of the format (any day would do; this one has a two-digit day). */
const EXAMPLE_DAY = '2026-11-23';

export interface DayInput {
  /** The text field itself (label it with `for`: its id is set). */
  readonly input: HTMLInputElement;
  /** The format hint and the error line, to place under the field. */
  readonly notes: HTMLElement;
  /** The day typed, ISO 8601; '' when empty; null when the text is not a day. */
  day(): string | null;
  /** Shows `iso` (or nothing for ''). */
  set(iso: string): void;
  onChange(listener: () => void): void;
}

/** A date input named `name` starting at `iso` ('' for empty); `required` refuses an empty one too. */
export function dayInput(name: string, iso: string, opts: { required?: boolean; describedBy?: string } = {}): DayInput {
  const lang = currentLang();
  const helpId = uid(`${name}-format`);
  const errorId = uid(`${name}-error`);
  const input = h('input', {
    type: 'text',
    id: uid(name),
    name,
    lang,
    autocomplete: 'off',
    spellcheck: 'false',
    required: opts.required === true,
    'aria-describedby': [helpId, errorId, opts.describedBy].filter((x) => x !== undefined).join(' '),
    'data-day-input': '',
  });
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  // The format is shown; how the arrow keys step is said to screen readers only (sighted keyboard users find it by trying).
  const notes = h(
    'div',
    { class: 'day-notes' },
    h(
      'p',
      { class: 'help', id: helpId },
      t('dayFormatHelp', { example: formatDay(EXAMPLE_DAY, lang) }),
      h('span', { class: 'sr-only' }, ` ${t('dayArrowsHelp')}`),
    ),
    error,
  );
  const listeners: (() => void)[] = [];
  const day = (): string | null => {
    const reading = readDay(input.value);
    return reading.kind === 'empty' ? '' : reading.kind === 'day' ? reading.iso : null;
  };
  /**
   * Tells the form's own check whether the text is a day (so it cannot be sent otherwise); says so
   * beside the field when `say`, or as soon as the text is a day again.
   */
  const check = (say: boolean) => {
    const ok = day() !== null;
    const message = ok ? '' : t('dayNotADate', { text: input.value.trim(), example: formatDay(EXAMPLE_DAY, lang) });
    input.setCustomValidity(message);
    input.dataset.day = day() ?? '';
    if (!say && !ok) return;
    input.setAttribute('aria-invalid', ok ? 'false' : 'true');
    error.textContent = message;
    error.hidden = ok;
  };
  const set = (iso: string) => {
    input.value = iso === '' ? '' : formatDay(iso, lang);
    check(true);
  };
  input.addEventListener('input', () => {
    // Not said while the officer is still typing; said when they leave the field or send the form.
    check(false);
    for (const l of listeners) l();
  });
  input.addEventListener('change', () => {
    const d = day();
    if (d !== null && d !== '') input.value = formatDay(d, lang);
    check(true);
  });
  input.addEventListener('invalid', () => check(true));
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const d = day();
    if (d === null) return;
    event.preventDefault();
    set(d === '' ? new Date().toISOString().slice(0, 10) : addDays(d, event.key === 'ArrowUp' ? 1 : -1));
    for (const l of listeners) l();
  });
  set(iso);
  return { input, notes, day, set, onChange: (listener) => listeners.push(listener) };
}

/** A labelled field holding a {@link dayInput}, with the format hint, an optional help line and the error. */
export function dayField(label: string, input: DayInput, help?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: input.input.id }, label),
    input.input,
    help === undefined ? null : h('p', { class: 'help' }, help),
    input.notes,
  );
}
