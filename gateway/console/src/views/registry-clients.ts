/**
 * Registering an agency's system or a privacy officer, and giving a client new keys: public keys
 * are pasted or loaded from a file (a JWK Set or one JWK), checked here for private members (never
 * sent) and by the gateway for their kind. Both wait for a second privacy officer.
 */
import type { Agency, Client, ClientCreate, RecordType } from '../api.js';
import { h } from '../dom.js';
import type { MessageKey } from '../i18n/en.js';
import { t } from '../i18n/i18n.js';
import { type Jwk, type KeyTextProblem, parsePublicKey, parsePublicKeys } from '../public-keys.js';
import { checkbox, field, FormProblem, formValue, ID_PATTERN, input, openDialog, reasonField, select } from '../ui.js';
import { agencyName, type ViewContext } from './context.js';

/** Largest key file read: a JWK Set of four keys is well under 8 KiB. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

const PROBLEM_KEYS: Record<KeyTextProblem, MessageKey> = {
  empty: 'keysEmpty',
  not_json: 'keysNotJson',
  no_keys: 'keysNone',
  private_key: 'keysPrivate',
  one_key_only: 'keysOneOnly',
};

/** The kinds of client a privacy officer registers here (officers are registered as officers). */
const KINDS = ['partner', 'data_owner', 'privacy_officer'] as const satisfies readonly Client['kind'][];
const KIND_LABELS: Record<(typeof KINDS)[number], MessageKey> = {
  partner: 'clientKindPartner',
  data_owner: 'clientKindDataOwner',
  privacy_officer: 'clientKindPrivacyOfficer',
};

/** A text area for keys, a button that loads them from a file, and a line saying what was read. */
function keyField(name: string, label: string, help: string, parse: (text: string) => { ok: true } | { ok: false; problem: KeyTextProblem }) {
  const area = h('textarea', { name, rows: 4, class: 'mono', spellcheck: 'false', autocomplete: 'off' });
  const file = h('input', { type: 'file', accept: '.json,.jwk,.jwks,application/json' });
  const said = h('p', { class: 'help', 'aria-live': 'polite' });
  const check = () => {
    const parsed = parse(area.value);
    said.textContent = area.value.trim() === '' ? '' : parsed.ok ? t('keysRead') : t(PROBLEM_KEYS[parsed.problem]);
  };
  area.addEventListener('input', check);
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen === undefined) return;
    if (chosen.size > MAX_KEY_FILE_BYTES) {
      said.textContent = t('keysFileTooLarge');
      return;
    }
    void chosen.text().then((text) => {
      area.value = text;
      check();
    });
  });
  const element = h('div', { class: 'key-field' }, field(label, area, help), field(t('keysLoadFile'), file), said);
  return { element, area };
}

/** The keys in a key field, or a problem the officer can act on. */
function keysOf(area: HTMLTextAreaElement, label: string): Jwk[] {
  const parsed = parsePublicKeys(area.value);
  if (!parsed.ok) throw new FormProblem(`${label}: ${t(PROBLEM_KEYS[parsed.problem])}`);
  return parsed.keys;
}

function encryptionKeyOf(area: HTMLTextAreaElement, label: string): Jwk | undefined {
  if (area.value.trim() === '') return undefined;
  const parsed = parsePublicKey(area.value);
  if (!parsed.ok) throw new FormProblem(`${label}: ${t(PROBLEM_KEYS[parsed.problem])}`);
  return parsed.key;
}

export function newClientDialog(ctx: ViewContext, agencies: readonly Agency[], types: readonly RecordType[]): void {
  const kind = select(
    KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) })),
    'partner',
    { name: 'kind' },
  );
  const agency = select(
    agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })),
    agencies[0]?.id ?? '',
    { name: 'agency_id', required: true },
  );
  const signing = keyField('signing_jwks', t('signingKeysField'), t('signingKeysHelp'), parsePublicKeys);
  const encryption = keyField('encryption_jwk', t('encryptionKeyField'), t('encryptionKeyHelp'), parsePublicKey);
  const ingest = types.map((ty) => ({ name: ty.name, ...checkbox('ingest_types', `${ty.title} (${ty.name})`, { value: ty.name }) }));
  const ingestSet = h('fieldset', { class: 'checks' }, h('legend', {}, t('ingestTypes')), ...ingest.map((i) => i.element));
  const leadership = checkbox('roles', t('roleLeadershipChoice'), { value: 'leadership' });
  const leadershipSet = h('fieldset', { class: 'checks' }, h('legend', {}, t('roles')), leadership.element, h('p', { class: 'help' }, t('roleLeadershipHelp')));
  const fit = () => {
    encryption.element.hidden = kind.value === 'privacy_officer';
    ingestSet.hidden = kind.value !== 'data_owner';
    leadershipSet.hidden = kind.value !== 'privacy_officer';
  };
  kind.addEventListener('change', fit);
  fit();
  openDialog(
    t('newClient'),
    [
      h('p', { class: 'muted' }, t('newClientIntro')),
      field(t('clientKind'), kind),
      field(
        t('clientId'),
        input({ name: 'id', required: true, pattern: ID_PATTERN, title: t('idHelp'), autocomplete: 'off', spellcheck: 'false' }),
        t('idHelp'),
      ),
      field(t('clientName'), input({ name: 'name', required: true, maxlength: 200 })),
      field(t('agency'), agency),
      signing.element,
      encryption.element,
      ingestSet,
      leadershipSet,
    ],
    t('newClient'),
    async (form) => {
      const k = KINDS.find((x) => x === kind.value) ?? 'partner';
      const encryptionJwk = k === 'privacy_officer' ? undefined : encryptionKeyOf(encryption.area, t('encryptionKeyField'));
      const body: ClientCreate = {
        id: formValue(form, 'id'),
        kind: k,
        agency_id: agency.value,
        name: formValue(form, 'name'),
        signing_jwks: { keys: keysOf(signing.area, t('signingKeysField')) },
        ...(encryptionJwk === undefined ? {} : { encryption_jwk: encryptionJwk }),
        ingest_types: k === 'data_owner' ? ingest.filter((i) => i.box.checked).map((i) => i.name) : [],
        roles: k === 'privacy_officer' && leadership.box.checked ? ['leadership'] : [],
      };
      await ctx.api.createClient(body);
      ctx.announce(t('clientCreated'));
      ctx.refresh();
    },
  );
}

export function newKeysDialog(ctx: ViewContext, client: Client): void {
  const signing = keyField('signing_jwks', t('signingKeysField'), t('newKeysHelp'), parsePublicKeys);
  const encryption = keyField('encryption_jwk', t('encryptionKeyField'), t('newEncryptionKeyHelp'), parsePublicKey);
  openDialog(
    `${t('newKeys')}: ${client.name} (${client.id})`,
    [h('p', { class: 'muted' }, t('newKeysIntro')), signing.element, client.kind === 'partner' ? encryption.element : null, reasonField()].filter(
      (n): n is HTMLElement => n !== null,
    ),
    t('newKeys'),
    async (form) => {
      const encryptionJwk = client.kind === 'partner' ? encryptionKeyOf(encryption.area, t('encryptionKeyField')) : undefined;
      await ctx.api.changeClient(client.id, {
        signing_jwks: { keys: keysOf(signing.area, t('signingKeysField')) },
        ...(encryptionJwk === undefined ? {} : { encryption_jwk: encryptionJwk }),
        reason: formValue(form, 'reason'),
      });
      ctx.announce(t('newKeysRequested'));
      ctx.refresh();
    },
  );
}
