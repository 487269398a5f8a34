import { describe, expect, it } from 'vitest';
import {
  entryClient,
  fieldsText,
  REPORT_COLUMNS,
  reportCsv,
  reportFileName,
  rootBase64,
  statedText,
  type ReportColumn,
  type ReportRow,
} from './report-export.js';
import { statedReferenceOf } from './views/log-reference.js';

const words = { both: (r: string, why: string) => `for case ${r}: ${why}`, reference: (r: string) => `for case ${r}`, none: 'none stated' };
const headings = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, c.toUpperCase()])) as Record<ReportColumn, string>;
const row: ReportRow = {
  when: '5 Dec 2026, 09:00',
  agency: 'Ministry of Justice',
  who: 'moj-case-system',
  purpose: 'Justice case review',
  action: 'fetch · person',
  stated: 'for case PP-2026-0412: bail review',
  fields: 'name: clear, phone: masked',
  proof: '✓ in the log',
};

describe('subject access report export', () => {
  it('says what the caller stated, with or without a reason', () => {
    expect(statedText({ reference: 'PP-2026-0412', reason: 'bail review' }, words)).toBe('for case PP-2026-0412: bail review');
    expect(statedText({ reference: 'PP-2026-0412', reason: null }, words)).toBe('for case PP-2026-0412');
    expect(statedText({ reference: null, reason: 'a check' }, words)).toBe('a check');
    expect(statedText({ reference: null, reason: null }, words)).toBe('none stated');
  });

  it('writes one CSV line per disclosure, in the screen’s columns and headings', () => {
    const csv = reportCsv(headings, [row, { ...row, when: '6 Dec 2026, 10:00' }]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('WHEN,AGENCY,WHO,PURPOSE,ACTION,STATED,FIELDS,PROOF');
    expect(lines[1]).toBe(
      '"5 Dec 2026, 09:00",Ministry of Justice,moj-case-system,Justice case review,fetch · person,for case PP-2026-0412: bail review,"name: clear, phone: masked",✓ in the log',
    );
    expect(lines).toHaveLength(4); // header, two rows, and the final line end
  });

  it('neutralises a stated reference or reason a spreadsheet would run as a formula', () => {
    const csv = reportCsv(headings, [{ ...row, stated: '=HYPERLINK("http://x.test","y")', who: '@SUM(A1)' }]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.test"",""y"")"`);
    expect(csv).toContain(",'@SUM(A1),");
  });

  it('keeps Khmer text as it is', () => {
    const csv = reportCsv(headings, [{ ...row, agency: 'ក្រសួងយុត្តិធម៌', when: '៥ ធ្នូ ២០២៦' }]);
    expect(csv).toContain(',ក្រសួងយុត្តិធម៌,');
  });

  it('names the officer or system the log entry names, and the file by day only', () => {
    expect(entryClient({ kind: 'disclosure', client: 'moh-tracing-app' })).toBe('moh-tracing-app');
    expect(entryClient({ kind: 'disclosure' })).toBeNull();
    expect(entryClient({ client: 42 })).toBeNull();
    expect(reportFileName(new Date('2026-12-05T08:00:00Z'))).toBe('subject-access-2026-12-05.csv');
    expect(fieldsText({ name: 'clear', phone: 'masked' })).toBe('name: clear, phone: masked');
    expect(rootBase64(new Uint8Array([0xfb, 0xff, 0x00]))).toBe('+/8A');
  });
});

describe('the disclosure log’s stated reference', () => {
  it('reads the reference only from the row’s own disclosure entry', () => {
    expect(statedReferenceOf({ kind: 'disclosure', id: 'd1', reference: 'OUTBREAK-2026-04' }, 'd1')).toBe('OUTBREAK-2026-04');
    expect(statedReferenceOf({ kind: 'disclosure', id: 'd2', reference: 'OUTBREAK-2026-04' }, 'd1')).toBeNull();
    expect(statedReferenceOf({ kind: 'admin', id: 'd1', reference: 'X' }, 'd1')).toBeNull();
    expect(statedReferenceOf({ kind: 'disclosure', id: 'd1' }, 'd1')).toBeNull();
  });
});
