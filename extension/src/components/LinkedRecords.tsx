import { fieldDef, memberMode } from '../lib/record-view/values.js';
import { useI18n } from './i18n.js';
import { ItemFields, ScalarValue, type CardContext } from './FieldValue.js';

/**
 * How a record's links open other records. Each opens through the same path as a search (a fetch or
 * a search, then a logged view); a link is offered only where the purpose allows that request and
 * the disclosed payload carries what it needs (a person id in clear, a phone number in clear).
 */
export interface RecordLinks {
  /** Opens a person record by its id, when the purpose allows fetching persons. */
  readonly openPerson?: (id: string) => void;
  /** Opens records found by a phone number: one entry per record type the purpose lets search by phone. */
  readonly byPhone: ReadonlyArray<{ readonly type: string; readonly open: (phone: string) => void }>;
}

/** Roles in the order a reviewer reads a case. */
const ROLE_ORDER = ['suspect', 'victim', 'witness'];
/** A pseudonymised reference (`psn_…`): it names no record the viewer can open. */
const PSEUDONYM = /^psn_/;

/** A case's persons grouped by role, each a link to their person record where the purpose discloses the id. */
export function PersonsByRole({ ctx, persons, links }: { ctx: CardContext; persons: readonly unknown[]; links: RecordLinks }) {
  const { t } = useI18n();
  const mode = ctx.modes.persons ?? 'clear';
  const idMode = memberMode(fieldDef(ctx.type, 'person_id', 'persons'), mode);
  const items = persons.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null);
  const roles = [...new Set(items.map((p) => String(p.role ?? '')))].sort((a, b) => (ROLE_ORDER.indexOf(a) + 1 || 99) - (ROLE_ORDER.indexOf(b) + 1 || 99));
  return (
    <div className="persons-by-role">
      {roles.map((role) => (
        <section key={role} className="role" data-role={role}>
          <h4>{role === '' ? t('none') : <ScalarValue ctx={ctx} name="role" value={role} mode="clear" list="persons" />}</h4>
          <ul>
            {items
              .filter((p) => String(p.role ?? '') === role)
              .map((p, i) => {
                const id = typeof p.person_id === 'string' ? p.person_id : null;
                const openable = id !== null && idMode === 'clear' && !PSEUDONYM.test(id) && links.openPerson !== undefined;
                return (
                  <li key={i} className="person-link">
                    <ScalarValue ctx={ctx} name="person_id" value={id} mode={idMode} list="persons" />
                    {openable ? (
                      <button type="button" className="link" data-link="person" onClick={() => links.openPerson?.(id)}>
                        {t('openPerson')}
                      </button>
                    ) : (
                      id !== null && idMode !== 'clear' && <span className="note">{t('linkNotOpenable')}</span>
                    )}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A health case's close contacts, each with links that open the records found by their phone number. */
export function Contacts({ ctx, contacts, links }: { ctx: CardContext; contacts: readonly unknown[]; links: RecordLinks }) {
  const { t } = useI18n();
  const mode = ctx.modes.contacts ?? 'clear';
  const phoneMode = memberMode(fieldDef(ctx.type, 'phone', 'contacts'), mode);
  return (
    <ol className="nested contacts">
      {contacts
        .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
        .map((c, i) => {
          const phone = typeof c.phone === 'string' && phoneMode === 'clear' && /^\+\d{8,15}$/.test(c.phone) ? c.phone : null;
          const extra =
            phone === null || links.byPhone.length === 0 ? undefined : (
              <div className="links">
                {links.byPhone.map((l) => (
                  <button key={l.type} type="button" className="link" data-link={`${l.type}-by-phone`} onClick={() => l.open(phone)}>
                    {t('openLinked')} · {t(`type.${l.type}` as 'type.person')}
                  </button>
                ))}
              </div>
            );
          return (
            <li key={i} className="contact">
              <ItemFields ctx={ctx} list="contacts" item={c} mode={mode} extra={extra} />
            </li>
          );
        })}
    </ol>
  );
}
