/**
 * Creating or editing a purpose: its legal basis, the agencies that may use it, what partners may
 * do, its limits, and, field by field, how each record type is disclosed. The modes offered per
 * field are the ones the gateway's purpose check accepts (from `/v1/admin/record-types`). An edit
 * that lets more out comes back as a request for a second officer.
 */
import type { Agency, Mode, Purpose, RecordType } from '../api.js';
import { h, uid } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { field, ID_PATTERN, input, problemBox, select } from '../ui.js';
import { agencyName, purposeName, type ViewContext } from './context.js';
import { fieldName, fieldWords, modeHelp, modeName } from './modes.js';
import { rowScopeEditor } from './row-scope-editor.js';

const ACTIONS = ['fetch', 'search', 'check'] as const;
/** Defaults of a new purpose: the gateway's own defaults for limits. */
const NEW_PURPOSE = { max_token_lifetime: 300, requests_per_minute: 60, persons_per_hour: 200, notification_delay_days: 0 };

export async function purposeFormView(ctx: ViewContext, id: string | null): Promise<HTMLElement> {
  const [agencies, types, existing] = await Promise.all([ctx.api.agencies(), ctx.api.recordTypes(), id === null ? Promise.resolve(null) : ctx.api.purpose(id)]);
  const purpose = existing?.purpose ?? null;
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('save'));

  const idInput = input({ name: 'id', required: true, pattern: ID_PATTERN, title: t('purposeIdHelp'), autocomplete: 'off', spellcheck: 'false' });
  const title = input({ name: 'title', required: true, maxlength: 200, lang: 'en', value: purpose?.title ?? '' });
  // The Khmer title is a wording of the same purpose: changing it widens nothing (the gateway applies it at once).
  const titleKm = input({ name: 'title_km', maxlength: 200, lang: 'km', value: purpose?.title_km ?? '' });
  const legal = h('textarea', { name: 'legal_basis', required: true, maxlength: 500, rows: 2 }, purpose?.legal_basis ?? '');
  const description = h('textarea', { name: 'description', maxlength: 2000, rows: 2 }, purpose?.description ?? '');
  const agencyBoxes = checkboxes(
    'agencies',
    t('allowedAgencies'),
    agencies.filter((a) => a.id !== 'privacy-office').map((a: Agency) => ({ value: a.id, label: agencyName(agencies, a.id) })),
    purpose?.agencies ?? [],
  );
  const actionBoxes = checkboxes(
    'actions',
    t('allowedActions'),
    ACTIONS.map((a) => ({ value: a, label: t(a === 'fetch' ? 'actionFetch' : a === 'search' ? 'actionSearch' : 'actionCheck') })),
    purpose?.actions ?? ['fetch'],
  );
  const numberField = (name: keyof typeof NEW_PURPOSE, label: string, min: number, max: number) =>
    field(label, input({ type: 'number', name, min, max, step: 1, required: true, inputmode: 'numeric', value: purpose?.[name] ?? NEW_PURPOSE[name] }));
  const status = select(
    [
      { value: 'active', label: t('purposeActive') },
      { value: 'retired', label: t('purposeRetired') },
    ],
    purpose?.status ?? 'active',
    { name: 'status' },
  );
  const unblurred = h('input', {
    type: 'checkbox',
    id: uid('unblurred'),
    name: 'allow_unblurred_media',
    checked: purpose?.allow_unblurred_media === true,
    'aria-describedby': 'unblurred-help',
  });
  // A new purpose requires a stated reason unless the officer says otherwise (the gateway's default for purposes about persons).
  const reasonBox = h('input', {
    type: 'checkbox',
    id: uid('reason-required'),
    name: 'reason_required',
    checked: purpose === null || purpose.reason_required,
    'aria-describedby': 'reason-required-help',
  });
  const modeSelects = new Map<string, HTMLSelectElement>();
  const copyBoxes = new Map<string, HTMLInputElement>();
  const scope = rowScopeEditor(t('purposeRowScope'), purpose?.row_scope ?? null, purpose === null ? {} : { current: purpose.row_scope });

  const form = h(
    'form',
    { class: 'card purpose-form', novalidate: false },
    purpose === null ? field(t('purposeId'), idInput, t('purposeIdHelp')) : h('p', { class: 'mono' }, purpose.id),
    field(t('title'), title),
    field(t('titleKm'), titleKm, t('titleKmHelp')),
    field(t('legalBasis'), legal),
    field(t('description'), description),
    agencyBoxes.element,
    actionBoxes.element,
    h(
      'fieldset',
      { class: 'limits' },
      h('legend', {}, t('limits')),
      numberField('max_token_lifetime', t('tokenLifetime'), 30, 600),
      numberField('requests_per_minute', t('requestsPerMinute'), 1, 100_000),
      numberField('persons_per_hour', t('personsPerHour'), 1, 1_000_000),
      numberField('notification_delay_days', t('notificationDelay'), 0, 3650),
    ),
    h(
      'fieldset',
      { class: 'checks leadership' },
      h('legend', {}, t('leadershipTerms')),
      h('div', { class: 'check' }, unblurred, h('label', { for: unblurred.id }, t('allowUnblurredMedia'))),
      h('p', { class: 'help', id: 'unblurred-help' }, t('allowUnblurredMediaHelp')),
      h('p', { class: 'help' }, t('sensitiveCasesHelp')),
    ),
    h(
      'fieldset',
      { class: 'checks stated-reason' },
      h('legend', {}, t('statedReasonRule')),
      h('div', { class: 'check' }, reasonBox, h('label', { for: reasonBox.id }, t('reasonRequired'))),
      h('p', { class: 'help', id: 'reason-required-help' }, t('reasonRequiredHelp')),
    ),
    scope.element,
    purpose === null ? null : field(t('purposeStatus'), status),
    purpose === null ? null : field(t('reason'), h('textarea', { name: 'reason', rows: 2, maxlength: 500 }), t('reasonHelp')),
    h('h2', {}, t('fieldsAndModes')),
    h('p', { class: 'muted' }, t('fieldsIntro')),
    h('p', { class: 'muted', id: 'copyable-help' }, t('copyableHelp')),
    ...types.map((type) => modeTable(type, purpose?.rules[type.name], purpose?.copyable?.[type.name] ?? [], modeSelects, copyBoxes)),
    errors,
    h(
      'div',
      { class: 'form-buttons' },
      h('a', { class: 'button secondary', href: purpose === null ? '#/purposes' : `#/purposes/${purpose.id}` }, t('cancel')),
      submit,
    ),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const rules: Record<string, Record<string, Mode>> = {};
    for (const [key, sel] of modeSelects) {
      const [type, name] = key.split('.') as [string, string];
      rules[type] ??= {};
      // A field the purpose leaves unnamed stays unnamed while it keeps the mode its absence means
      // (the identifier: clear), so that an edit does not read as a change of that field.
      const named = purpose?.rules[type] === undefined || Object.hasOwn(purpose.rules[type], name);
      if (named || sel.value !== sel.dataset.absent) rules[type][name] = sel.value as Mode;
    }
    // A record type with nothing disclosed is left out; its id alone would say nothing useful.
    for (const [type, fields] of Object.entries(rules)) if (Object.entries(fields).every(([n, m]) => n === 'id' || m === 'none')) delete rules[type];
    const copyable: Record<string, string[]> = {};
    for (const [key, box] of copyBoxes) {
      const [type, name] = key.split('.') as [string, string];
      if (box.checked && !box.disabled && rules[type] !== undefined) copyable[type] = [...(copyable[type] ?? []), name];
    }
    const body = {
      title: title.value.trim(),
      title_km: titleKm.value.trim() === '' ? null : titleKm.value.trim(),
      legal_basis: legal.value.trim(),
      description: description.value.trim(),
      rules,
      actions: ACTIONS.filter((a) => actionBoxes.values().includes(a)),
      agencies: agencyBoxes.values(),
      max_token_lifetime: Number((form.elements.namedItem('max_token_lifetime') as HTMLInputElement).value),
      requests_per_minute: Number((form.elements.namedItem('requests_per_minute') as HTMLInputElement).value),
      persons_per_hour: Number((form.elements.namedItem('persons_per_hour') as HTMLInputElement).value),
      notification_delay_days: Number((form.elements.namedItem('notification_delay_days') as HTMLInputElement).value),
      allow_unblurred_media: unblurred.checked,
      reason_required: reasonBox.checked,
      row_scope: scope.value(),
      copyable: Object.keys(copyable).length === 0 ? null : copyable,
    };
    submit.disabled = true;
    const request =
      purpose === null
        ? ctx.api.createPurpose({ id: idInput.value.trim(), ...body, status: 'active' }).then((p: Purpose) => {
            ctx.announce(t('purposeSaved'));
            location.hash = `#/purposes/${p.id}`;
          })
        : ctx.api
            .updatePurpose(
              purpose.id,
              {
                ...editableTerms(purpose),
                ...body,
                status: status.value === 'retired' ? 'retired' : 'active',
                reason: (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim(),
              },
              existing?.etag ?? null,
            )
            .then((r) => {
              if ('pending_request' in r) ctx.announce(t('purposePending', { widenings: r.widenings.join(', ') }));
              else ctx.announce(t('purposeSaved'));
              location.hash = `#/purposes/${purpose.id}`;
            });
    request.catch((err: unknown) => errors.replaceChildren(problemBox(err))).finally(() => (submit.disabled = false));
  });

  return h(
    'div',
    {},
    h('p', {}, h('a', { href: '#/purposes' }, `← ${t('purposesTitle')}`)),
    h('h1', { tabindex: -1 }, purpose === null ? t('newPurpose') : `${t('editPurpose')}: ${purposeName(purpose)}`),
    form,
  );
}

/** Members of a purpose as read that describe the record or are derived from its terms (never sent back). */
const READ_ONLY = new Set(['id', 'version', 'created_by', 'created_at', 'updated_at', 'row_scope_words']);

/**
 * The purpose's terms as read, so that a replacement keeps every term this form does not show
 * (PUT replaces the whole purpose).
 */
function editableTerms(purpose: Purpose): Record<string, unknown> {
  return Object.fromEntries(Object.entries(purpose).filter(([key]) => !READ_ONLY.has(key)));
}

function checkboxes(name: string, legend: string, options: readonly { value: string; label: string }[], checked: readonly string[]) {
  const boxes = options.map((o) => {
    const id = uid(name);
    const box = h('input', { type: 'checkbox', id, name, value: o.value, checked: checked.includes(o.value) });
    return { box, el: h('div', { class: 'check' }, box, h('label', { for: id }, o.label)) };
  });
  return {
    element: h('fieldset', { class: 'checks' }, h('legend', {}, legend), ...boxes.map((b) => b.el)),
    values: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value),
  };
}

/**
 * A record type's fields, each with a choice of the modes it allows and, for a field policy lets
 * officers copy, whether they may (offered only while the field is disclosed in clear).
 */
function modeTable(
  type: RecordType,
  rules: Record<string, Mode> | undefined,
  copyable: readonly string[],
  selects: Map<string, HTMLSelectElement>,
  copyBoxes: Map<string, HTMLInputElement>,
): HTMLElement {
  return h(
    'details',
    { class: 'mode-table', open: rules !== undefined, 'data-record-type': type.name },
    h('summary', {}, `${t('recordType')}: ${type.title}`),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('field')),
          h('th', { scope: 'col' }, t('mode')),
          h('th', { scope: 'col' }, t('copyable')),
          h('th', { scope: 'col' }, t('description')),
        ),
      ),
      h(
        'tbody',
        {},
        ...type.fields.map((f) => {
          const id = uid(`mode-${type.name}-${f.name}`);
          const current = rules?.[f.name] ?? (rules === undefined && f.name === 'id' ? 'clear' : f.when_absent);
          const sel = select(
            f.modes.map((m) => ({ value: m, label: `${modeName(m)} — ${modeHelp(m)}` })),
            f.modes.includes(current) ? current : (f.modes[f.modes.length - 1] ?? 'none'),
            { id, name: `mode.${type.name}.${f.name}`, 'data-field': f.name, 'data-absent': f.when_absent },
          );
          selects.set(`${type.name}.${f.name}`, sel);
          let copy: HTMLInputElement | null = null;
          if (f.copyable) {
            const box = h('input', {
              type: 'checkbox',
              name: `copyable.${type.name}.${f.name}`,
              'data-copyable': f.name,
              checked: copyable.includes(f.name),
              'aria-label': t('copyableField', { field: fieldWords(f.name) }),
              'aria-describedby': 'copyable-help',
            });
            const follow = () => {
              box.disabled = sel.value !== 'clear';
              if (box.disabled) box.checked = false;
            };
            sel.addEventListener('change', follow);
            follow();
            copyBoxes.set(`${type.name}.${f.name}`, box);
            copy = box;
          }
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('label', { for: id }, ...fieldName(f.name))),
            h('td', {}, sel),
            h('td', {}, copy),
            h('td', { class: 'muted' }, f.description),
          );
        }),
      ),
    ),
  );
}
