import { normalisePhone } from '@need2know/schema';
import { useMemo, useState } from 'react';
import type { MessageKey } from '../lib/i18n/en.js';
import { hasMessage } from '../lib/i18n/lang.js';
import { readDay } from '@need2know/zoned-time';
import { optionKey, RECORD_ID, searchOptions, type SearchInput, type SearchRequest, type SessionAllows, type ViewerRecordType } from '../lib/search-options.js';
import { useI18n } from './i18n.js';

type RecordType = ViewerRecordType;
const TYPES: readonly RecordType[] = ['person', 'case', 'health_case', 'officer_discipline'];

export type { SearchRequest } from '../lib/search-options.js';

/** Whether `type` is a record type the viewer knows. */
export const isRecordType = (type: string): type is RecordType => (TYPES as readonly string[]).includes(type);

// A day is a text box read by `readDay`, not `type=date`, whose box speaks the browser's language.
const INPUT_TYPE: Partial<Record<SearchInput['kind'], string>> = { phone: 'tel' };

/**
 * The search form: per record type, the searches that type declares and the purpose allows (a health
 * case by phone, a case by its case number, a person by phone or by name and date of birth), and
 * opening a record by its id, each with the right inputs. Obvious mistakes are said on the spot,
 * before anything reaches the gateway.
 */
export function SearchForm({
  recordTypes,
  allows,
  busy,
  onSubmit,
}: {
  recordTypes: readonly string[];
  allows: SessionAllows | null;
  busy: boolean;
  onSubmit: (req: SearchRequest) => void | Promise<void>;
}) {
  const { t } = useI18n();
  const types = TYPES.filter((x) => recordTypes.includes(x));
  const [recordType, setRecordType] = useState<RecordType>(types[0] ?? 'person');
  const options = useMemo(() => (allows === null ? [] : searchOptions(recordType, allows)), [allows, recordType]);
  const [kind, setKind] = useState<string>('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const current = options.find((o) => optionKey(o) === kind) ?? options[0];

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (current === undefined) return;
    if (current.kind === 'id') {
      const id = (values.value ?? '').trim();
      if (id === '') return setProblem('emptyTerm');
      if (!RECORD_ID.test(id)) return setProblem('badRecordId');
      return void onSubmit({ kind: 'id', recordType, id });
    }
    const terms: Record<string, string> = {};
    for (const input of current.inputs) {
      const raw = (values[input.field] ?? '').trim();
      if (raw === '') return setProblem('emptyTerm');
      if (input.kind === 'phone') {
        const phone = normalisePhone(raw);
        if (phone === undefined) return setProblem('badPhone');
        terms[input.field] = phone;
      } else if (input.kind === 'date') {
        // Typed as people write a day, in either language; sent as ISO 8601.
        const day = readDay(raw);
        if (day.kind !== 'day') return setProblem('badDay');
        terms[input.field] = day.iso;
      } else terms[input.field] = raw;
    }
    return void onSubmit({ kind: 'search', recordType, search: current.search, terms });
  }

  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const hint = (field: string): string | undefined => (hasMessage(`hint.${field}`) ? t(`hint.${field}` as MessageKey) : undefined);
  return (
    // noValidate: an empty box is said here, in the officer's language, not by the browser's own
    // bubble, which speaks the browser's language ("Please fill out this field").
    <form className="search" onSubmit={submit} aria-label={t('searchTitle')} noValidate>
      <label>
        {t('recordType')}
        <select
          name="record_type"
          value={recordType}
          onChange={(e) => {
            // Another type: start with its first search (a case by its number, a health case by phone).
            setRecordType(e.target.value as RecordType);
            setKind('');
            setProblem(null);
          }}
        >
          {types.map((x) => (
            <option key={x} value={x}>
              {t(`type.${x}`)}
            </option>
          ))}
        </select>
      </label>
      {allows === null ? (
        <p className="loading">{t('searchesLoading')}</p>
      ) : current === undefined ? (
        <p className="no-search" role="status">
          {t('noSearchForType', { type: t(`type.${recordType}`) })}
        </p>
      ) : (
        <>
          <label>
            {t('findBy')}
            <select name="kind" value={optionKey(current)} onChange={(e) => setKind(e.target.value)}>
              {options.map((o) => (
                <option key={optionKey(o)} value={optionKey(o)}>
                  {t(`search.${optionKey(o)}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          {current.kind === 'id' ? (
            <label>
              {t('field.id')}
              <input
                name="value"
                value={values.value ?? ''}
                onChange={(e) => set('value', e.target.value)}
                placeholder={t('hint.id')}
                autoComplete="off"
                spellCheck={false}
                required
              />
            </label>
          ) : (
            current.inputs.map((input) => (
              <label key={input.field}>
                {t(`field.${input.field}` as MessageKey)}
                <input
                  name={input.field}
                  type={INPUT_TYPE[input.kind] ?? 'text'}
                  inputMode={input.kind === 'national_id' ? 'numeric' : input.kind === 'phone' ? 'tel' : undefined}
                  value={values[input.field] ?? ''}
                  onChange={(e) => set(input.field, e.target.value)}
                  placeholder={hint(input.field)}
                  autoComplete="off"
                  spellCheck={false}
                  required
                />
              </label>
            ))
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('searching') : t('open')}
          </button>
        </>
      )}
      {problem !== null && (
        <p className="form-problem" role="alert">
          {t(problem)}
        </p>
      )}
    </form>
  );
}
