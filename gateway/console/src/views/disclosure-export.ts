/**
 * The disclosure log's CSV export: every row the officer's filters select (walking the API's pages,
 * up to a bound), as a file the browser saves, with each row's stated reference read from its log
 * entry (`log-reference.ts`). Rows name no person; cells a spreadsheet would run as formulas are
 * neutralised (`csv.ts`): a reference is typed by the caller.
 */
import type { DisclosureLogQuery, DisclosureLogRow } from '../api.js';
import { toCsv } from '../csv.js';
import { h } from '../dom.js';
import { num, t } from '../i18n/i18n.js';
import { problemBox } from '../ui.js';
import type { ViewContext } from './context.js';
import { readReferences } from './log-reference.js';

/** Rows one CSV export may hold: the API's largest page, this many times (a month of a busy agency). */
const EXPORT_PAGES = 100;
const EXPORT_PAGE_ROWS = 200;

/** Every row the filters select (up to the export's bound), as a CSV file the browser saves. */
export async function exportCsv(ctx: ViewContext, filters: DisclosureLogQuery, status: HTMLElement): Promise<void> {
  status.textContent = t('exporting');
  try {
    const rows: DisclosureLogRow[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < EXPORT_PAGES; i++) {
      const page = await ctx.api.disclosures({ ...filters, limit: EXPORT_PAGE_ROWS, ...(cursor === undefined ? {} : { cursor }) });
      rows.push(...page.disclosures);
      if (page.next === null) break;
      cursor = page.next;
    }
    // Each row's stated reference lives in its log entry, not in the index the rows come from.
    const references = new Map<string, string>();
    const logged = rows.flatMap((r) => (r.log_index === null ? [] : [{ index: r.log_index, id: r.id }]));
    await readReferences(ctx.api, logged, (row, reference) => references.set(row.id, reference ?? ''));
    const csv = toCsv(
      ['at', 'agency', 'client', 'purpose', 'grant', 'reference', 'action', 'record_type', 'fields', 'outcome', 'persons', 'log_index', 'id'],
      rows.map((r) => [
        r.at,
        r.agency,
        r.client,
        r.purpose,
        r.grant,
        references.get(r.id) ?? '',
        r.action,
        r.record_type,
        Object.entries(r.fields)
          .map(([f, m]) => `${f}:${m}`)
          .join(' '),
        r.outcome,
        r.persons,
        r.log_index,
        r.id,
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: `disclosures-${new Date().toISOString().slice(0, 10)}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = t('exported', { n: num(rows.length) });
  } catch (err) {
    status.replaceChildren(problemBox(err));
  }
}
