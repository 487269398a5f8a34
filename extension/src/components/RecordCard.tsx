import { hasMessage } from '../lib/i18n/lang.js';
import { arrange } from '../lib/record-view/layout.js';
import { markText } from '../lib/trace-mark/text.js';
import { FieldValue, useFieldLabel, type CardContext } from './FieldValue.js';
import { useI18n } from './i18n.js';
import { Contacts, PersonsByRole, type RecordLinks } from './LinkedRecords.js';
import type { PhotoContext } from './Photo.js';

/** What a record is called on screen: a name in Khmer, else in Latin letters, else its case number or id. */
export function recordTitle(record: Readonly<Record<string, unknown>>): string {
  for (const k of ['name_km', 'name_latin', 'officer_name_km', 'officer_name_latin', 'case_number', 'id']) if (typeof record[k] === 'string') return record[k];
  return '';
}

/**
 * One minimised record in words, under headings, every value carrying the view's invisible trace
 * mark; a case's persons by role and a health case's contacts as links that open them.
 */
export function RecordCard({
  type,
  record,
  viewId,
  modes,
  photo,
  links,
  copy,
}: {
  type: string;
  record: Readonly<Record<string, unknown>>;
  viewId: string;
  modes: Readonly<Record<string, string>>;
  photo: PhotoContext;
  links: RecordLinks;
  copy?: CardContext['copy'];
}) {
  const { t } = useI18n();
  const label = useFieldLabel();
  const ctx: CardContext = { type, viewId, modes, photo, ...(copy === undefined ? {} : { copy }) };
  const typeKey = `type.${type}`;
  return (
    <article
      className="record"
      aria-label={`${hasMessage(typeKey) ? t(typeKey) : type} ${String(record.id ?? '')}`}
      data-record-type={type}
      data-record-id={typeof record.id === 'string' ? record.id : ''}
    >
      <h2 lang={typeof record.name_km === 'string' ? 'km' : undefined}>{markText(recordTitle(record), viewId)}</h2>
      <p className="record-type">
        {hasMessage(typeKey) ? t(typeKey) : type}
        {typeof record.id === 'string' && <> · {markText(record.id, viewId)}</>}
      </p>
      {arrange(type, record).map(({ section, fields }) => (
        <section key={section} className="record-section" data-section={section}>
          <h3>{t(`section.${section}`)}</h3>
          <dl className="fields">
            {fields.map(([k, v]) => (
              <div className="field" key={k} data-field={k}>
                <dt>{label(k)}</dt>
                <dd>
                  {type === 'case' && k === 'persons' && Array.isArray(v) ? (
                    <PersonsByRole ctx={ctx} persons={v} links={links} />
                  ) : type === 'health_case' && k === 'contacts' && Array.isArray(v) ? (
                    <Contacts ctx={ctx} contacts={v} links={links} />
                  ) : (
                    <FieldValue ctx={ctx} name={k} value={v} mode={modes[k] ?? 'clear'} parent={record} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </article>
  );
}
