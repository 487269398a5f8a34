/**
 * What the officer must read on screen in each language during the viewer's day-of-work tests
 * (viewer-work.e2e.test.ts): headings, labels, values in words, notes, notices and errors, written
 * out here as the officer reads them rather than taken from the viewer's catalogues, so that a
 * catalogue that lost a word, or a screen that shows a code, fails the test.
 */

/** The words one run of the day's work expects, in one language. */
export interface ViewerWords {
  readonly lang: 'en' | 'km';
  /** The language's name, for the test titles. */
  readonly name: string;
  /** Text in the script every heading, label and note of this language is written in. */
  readonly script: RegExp;
  readonly appTitle: string;
  readonly recordTypeLabel: string;
  readonly healthCase: string;
  readonly person: string;
  /** The headings of a health case, in reading order. */
  readonly healthSections: readonly string[];
  readonly result: string;
  readonly testDate: string;
  /** The week of the first place visited (ISO 2026-W15), as people write it. */
  readonly week: string;
  readonly ageBand: RegExp;
  readonly phnomPenh: string;
  readonly kampongSpeu: string;
  readonly notes: readonly string[];
  readonly copyLabel: string;
  readonly copied: string;
  readonly blockedCopy: string;
  readonly fetchNotFound: string;
  /** What the form says, in part, of a case number typed as a record id. */
  readonly caseNumberHint: string;
  readonly noMatch: string;
  /** The headings of a crime case, in reading order. */
  readonly caseSections: readonly string[];
  readonly status: string;
  readonly criterion: string;
  readonly occurredOn: string;
  /** Role headings of a case's persons, suspects first. */
  readonly roles: readonly string[];
  readonly openPerson: string;
  readonly documentUnavailable: string;
  /** The tracing purpose's title as the header and the watermark name it. */
  readonly tracingTitle: string;
  /** The tracer's agency as the header and the watermark name it. */
  readonly agency: string;
  /** The word before a grant's id ("grant grt_…"). */
  readonly grantWord: string;
  /** The watermark's last line: the date and time in Phnom Penh, and the short view id (group 1). */
  readonly watermarkWhen: RegExp;
  /** What the form says of an empty search box. */
  readonly emptyTerm: string;
  /** The date of birth box's example, and the scene person's date of birth as typed in this language. */
  readonly dobHint: string;
  readonly dobTyped: string;
  /** What the form says of a day that does not exist. */
  readonly badDay: string;
  /** What the popup says of an empty enrolment code. */
  readonly enrolCodeEmpty: string;
  /** What a printed page says instead of the record. */
  readonly printDisabled: string;
}

const KHMER = /[\u1780-\u17FF]/;
const ENGLISH_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const KHMER_MONTHS = 'មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ';

export const ENGLISH: ViewerWords = {
  lang: 'en',
  name: 'English',
  script: /^[^\u1780-\u17FF]*[A-Za-z][^\u1780-\u17FF]*$/,
  appTitle: 'need2know viewer',
  recordTypeLabel: 'Record type',
  healthCase: 'Health case',
  person: 'Person',
  healthSections: ['Who', 'How to reach them', 'The test', 'Where', 'Tracing'],
  result: 'positive',
  testDate: '9 April 2026',
  week: 'week of 6 April 2026',
  ageBand: /age \d{2}–\d{2}/,
  phnomPenh: 'Phnom Penh',
  kampongSpeu: 'Kampong Speu',
  notes: ['only the age band is disclosed', 'only the week is disclosed', 'down to the commune; the village is not disclosed'],
  copyLabel: 'Copy Phone (the copy is logged)',
  copied: 'Copied. The copy carries this view’s trace mark and is logged.',
  blockedCopy: 'Copying is blocked for this record',
  fetchNotFound: 'No record with this id is open to this grant.',
  caseNumberHint: 'case number',
  noMatch: 'No record matches this search under this grant.',
  caseSections: ['The case', 'Persons by role', 'Evidence'],
  status: 'referred to court',
  criterion: '1. Theft, snatching, robbery',
  occurredOn: '14 November 2025',
  roles: ['Suspect', 'Victim', 'Witness'],
  openPerson: 'Open this person',
  documentUnavailable: 'A document. Documents are not available in the viewer under this purpose.',
  tracingTitle: 'Contact tracing during a community outbreak (test)',
  agency: 'Ministry of Health — Contact Tracing (test)',
  grantWord: 'grant',
  watermarkWhen: new RegExp(`^\\d{1,2} (?:${ENGLISH_MONTHS}) \\d{4}, \\d{2}:\\d{2} \\(Phnom Penh time\\) · view ([A-Za-z0-9_-]{6})$`),
  emptyTerm: 'Type what to search for.',
  dobHint: 'e.g. 3 February 1991 or 03/02/1991',
  dobTyped: '3 February 1991',
  badDay: 'This is not a day. Write it as 3 February 1991 or 03/02/1991.',
  enrolCodeEmpty: 'Type the enrolment code your agency administrator gave you.',
  printDisabled: 'Printing is disabled in the need2know viewer. Every view is recorded.',
};

export const KHMER_WORDS: ViewerWords = {
  lang: 'km',
  name: 'Khmer',
  script: KHMER,
  appTitle: 'កម្មវិធីមើល need2know',
  recordTypeLabel: 'ប្រភេទកំណត់ត្រា',
  healthCase: 'ករណីសុខភាព',
  person: 'បុគ្គល',
  healthSections: ['អត្តសញ្ញាណ', 'របៀបទាក់ទង', 'ការធ្វើតេស្ត', 'ទីកន្លែង', 'ការតាមដាន'],
  result: 'វិជ្ជមាន',
  testDate: '៩ មេសា ២០២៦',
  week: 'សប្តាហ៍ចាប់ពី ៦ មេសា ២០២៦',
  ageBand: /អាយុ [០-៩]{2}–[០-៩]{2} ឆ្នាំ/,
  phnomPenh: 'រាជធានីភ្នំពេញ',
  kampongSpeu: 'ខេត្តកំពង់ស្ពឺ',
  notes: ['បង្ហាញតែក្រុមអាយុប៉ុណ្ណោះ', 'បង្ហាញតែសប្តាហ៍ប៉ុណ្ណោះ', 'ត្រឹមឃុំ/សង្កាត់ មិនបង្ហាញភូមិទេ'],
  copyLabel: 'ចម្លង ទូរស័ព្ទ (ការចម្លងត្រូវបានកត់ត្រា)',
  copied: 'បានចម្លង។ ច្បាប់ចម្លងមានសញ្ញាតាមដាននៃការមើលនេះ ហើយត្រូវបានកត់ត្រា។',
  blockedCopy: 'ការចម្លងត្រូវបានហាមឃាត់សម្រាប់កំណត់ត្រានេះ',
  fetchNotFound: 'គ្មានកំណត់ត្រាដែលមានលេខសម្គាល់នេះ បើកឱ្យការអនុញ្ញាតនេះទេ។',
  caseNumberHint: 'លេខសំណុំរឿង',
  noMatch: 'គ្មានកំណត់ត្រាណាត្រូវនឹងការស្វែងរកនេះ ក្រោមការអនុញ្ញាតនេះទេ។',
  caseSections: ['សំណុំរឿង', 'បុគ្គលតាមតួនាទី', 'ភស្តុតាង'],
  status: 'បានបញ្ជូនទៅតុលាការ',
  criterion: '១. លួច ឆក់ ប្លន់',
  occurredOn: '១៤ វិច្ឆិកា ២០២៥',
  roles: ['ជនសង្ស័យ', 'ជនរងគ្រោះ', 'សាក្សី'],
  openPerson: 'បើកបុគ្គលនេះ',
  documentUnavailable: 'ឯកសារ។ ឯកសារមិនអាចមើលក្នុងកម្មវិធីមើល ក្រោមគោលបំណងនេះទេ។',
  tracingTitle: 'ការតាមដានអ្នកប៉ះពាល់ក្នុងពេលផ្ទុះជំងឺក្នុងសហគមន៍ (សាកល្បង)',
  agency: 'ក្រសួងសុខាភិបាល — ក្រុមតាមដាន',
  grantWord: 'ការអនុញ្ញាត',
  // Khmer digits and month names; the view id stays as the gateway wrote it.
  watermarkWhen: new RegExp(`^[០-៩]{1,2} (?:${KHMER_MONTHS}) [០-៩]{4} [០-៩]{2}:[០-៩]{2} \\(ម៉ោងភ្នំពេញ\\) · ការមើល ([A-Za-z0-9_-]{6})$`),
  emptyTerm: 'សូមវាយអ្វីដែលត្រូវស្វែងរក។',
  dobHint: 'ឧ. ៣ កុម្ភៈ ១៩៩១ ឬ ៣/២/១៩៩១',
  dobTyped: '៣ កុម្ភៈ ១៩៩១',
  badDay: 'នេះមិនមែនជាថ្ងៃខែឆ្នាំទេ។ សូមសរសេរជា ៣ កុម្ភៈ ១៩៩១ ឬ ៣/២/១៩៩១។',
  enrolCodeEmpty: 'សូមវាយលេខកូដចុះឈ្មោះ ដែលអ្នកគ្រប់គ្រងស្ថាប័នរបស់អ្នកបានផ្តល់ឱ្យ។',
  printDisabled: 'ការបោះពុម្ពត្រូវបានបិទនៅក្នុងកម្មវិធីមើល need2know។ រាល់ការមើលត្រូវបានកត់ត្រា។',
};
