/**
 * What the officer should do about a refusal, in plain words in English and Khmer: one sentence
 * per stable problem `code` of the gateway, and one per kind of problem with a field (the
 * validation issue's `code`), so that no raw code or pattern reaches the screen.
 */
import type { Lang } from './i18n.js';

type Words = Readonly<Record<Lang, string>>;

const SESSION_ENDED: Words = { en: 'Your session has ended. Sign in again with your key file.', km: 'វគ្គរបស់អ្នកបានបញ្ចប់។ សូមចូលម្តងទៀតដោយប្រើឯកសារកូនសោរបស់អ្នក។' };
const NOT_ALLOWED: Words = {
  en: 'Your account may not do this. Ask a privacy officer who may, or the administrator.',
  km: 'គណនីរបស់អ្នកមិនមានសិទ្ធិធ្វើការនេះទេ។ សូមស្នើមន្ត្រីឯកជនភាពដែលមានសិទ្ធិ ឬអ្នកគ្រប់គ្រងប្រព័ន្ធ។',
};
const RELOAD: Words = {
  en: 'The gateway could not read this request. Reload the page and try again.',
  km: 'ច្រកផ្លូវមិនអាចអានសំណើនេះបានទេ។ សូមផ្ទុកទំព័រឡើងវិញ ហើយព្យាយាមម្តងទៀត។',
};
const BUSY: Words = { en: 'The gateway is busy. Wait a moment and try again.', km: 'ច្រកផ្លូវកំពុងរវល់។ សូមរង់ចាំបន្តិច ហើយព្យាយាមម្តងទៀត។' };
const BROKEN: Words = {
  en: 'Something went wrong in the gateway. Try again; if it happens again, tell the administrator.',
  km: 'មានបញ្ហានៅក្នុងច្រកផ្លូវ។ សូមព្យាយាមម្តងទៀត បើនៅតែកើតមាន សូមជូនដំណឹងដល់អ្នកគ្រប់គ្រងប្រព័ន្ធ។',
};

/** One sentence per problem code the admin API answers with. */
const PROBLEMS: Readonly<Record<string, Words>> = {
  bad_request: RELOAD,
  unsupported_media_type: RELOAD,
  method_not_allowed: RELOAD,
  validation_failed: {
    en: 'Some values were not accepted. Correct the fields listed below and send again.',
    km: 'តម្លៃខ្លះមិនត្រូវបានទទួលយកទេ។ សូមកែវាលដែលមានរាយខាងក្រោម ហើយផ្ញើម្តងទៀត។',
  },
  body_too_large: { en: 'What you sent is too large. Shorten the text and send again.', km: 'អ្វីដែលអ្នកផ្ញើធំពេក។ សូមកាត់អត្ថបទឱ្យខ្លី ហើយផ្ញើម្តងទៀត។' },
  not_found: {
    en: 'This was not found: it no longer exists or the identifier is wrong. Check the identifier, or reload the list.',
    km: 'រកមិនឃើញទេ៖ វាលែងមាន ឬលេខសម្គាល់មិនត្រឹមត្រូវ។ សូមពិនិត្យលេខសម្គាល់ ឬផ្ទុកបញ្ជីឡើងវិញ។',
  },
  conflict: {
    en: 'This identifier is already taken, or someone changed this meanwhile. Choose another identifier, or reload and try again.',
    km: 'លេខសម្គាល់នេះមានគេប្រើរួចហើយ ឬមានអ្នកផ្សេងបានកែប្រែវាក្នុងពេលនេះ។ សូមជ្រើសលេខសម្គាល់ផ្សេង ឬផ្ទុកឡើងវិញ ហើយព្យាយាមម្តងទៀត។',
  },
  invalid_token: SESSION_ENDED,
  invalid_dpop_proof: SESSION_ENDED,
  key_destroyed: SESSION_ENDED,
  insufficient_scope: NOT_ALLOWED,
  forbidden: NOT_ALLOWED,
  two_person_rule: {
    en: 'A second privacy officer must approve this: you cannot approve your own request. Ask a colleague to approve it.',
    km: 'ត្រូវមានមន្ត្រីឯកជនភាពទីពីរអនុម័តការនេះ៖ អ្នកមិនអាចអនុម័តសំណើរបស់ខ្លួនឯងបានទេ។ សូមស្នើសហការីម្នាក់អនុម័ត។',
  },
  row_scope_beyond_purpose: {
    en: 'The records chosen go beyond what the purpose allows. Narrow them to those the purpose covers.',
    km: 'កំណត់ត្រាដែលបានជ្រើសលើសពីអ្វីដែលគោលបំណងអនុញ្ញាត។ សូមបង្រួមឱ្យនៅក្នុងវិសាលភាពនៃគោលបំណង។',
  },
  invalid_transition: {
    en: 'This cannot be done in its present state. Reload to see its state, then choose again.',
    km: 'មិនអាចធ្វើការនេះបានក្នុងស្ថានភាពបច្ចុប្បន្នរបស់វាទេ។ សូមផ្ទុកឡើងវិញដើម្បីមើលស្ថានភាព រួចជ្រើសម្តងទៀត។',
  },
  rate_limited: { en: 'Too many requests in a short time. Wait a minute and try again.', km: 'សំណើច្រើនពេកក្នុងរយៈពេលខ្លី។ សូមរង់ចាំមួយនាទី ហើយព្យាយាមម្តងទៀត។' },
  reason_required: { en: 'Give a reason for this change; it goes into the audit log.', km: 'សូមផ្តល់មូលហេតុសម្រាប់ការផ្លាស់ប្តូរនេះ វានឹងត្រូវកត់ក្នុងកំណត់ហេតុសវនកម្ម។' },
  reason_invalid: {
    en: 'The reason was not accepted. Write it in plain words, at most 500 characters.',
    km: 'មូលហេតុមិនត្រូវបានទទួលយកទេ។ សូមសរសេរជាពាក្យសាមញ្ញ មិនលើសពី ៥០០ តួអក្សរ។',
  },
  leadership_approval_required: {
    en: 'Two leadership officers, neither of them you, must approve this first, and their approval must still be in force. Ask for it, then wait.',
    km: 'មន្ត្រីថ្នាក់ដឹកនាំពីររូប ដែលមិនមែនអ្នក ត្រូវអនុម័តការនេះជាមុនសិន ហើយការអនុម័តនោះត្រូវនៅមានសុពលភាព។ សូមស្នើ រួចរង់ចាំ។',
  },
  privacy_budget_exhausted: {
    en: 'The privacy budget for these figures is used up. Try again in the next period.',
    km: 'ថវិកាឯកជនភាពសម្រាប់តួលេខទាំងនេះបានប្រើអស់ហើយ។ សូមព្យាយាមម្តងទៀតនៅរយៈពេលបន្ទាប់។',
  },
  stats_busy: BUSY,
  not_ready: BUSY,
  internal_error: BROKEN,
  server_error: BROKEN,
};

const UNKNOWN: Words = {
  en: 'The gateway refused this. Check what you entered and try again.',
  km: 'ច្រកផ្លូវបានបដិសេធសំណើនេះ។ សូមពិនិត្យអ្វីដែលអ្នកបានបញ្ចូល ហើយព្យាយាមម្តងទៀត។',
};

/**
 * What to do about a refusal with problem code `code`, in `lang`.
 *
 * @example problemSentence('conflict', 'en') // 'This identifier is already taken, …'
 */
export const problemSentence = (code: string, lang: Lang): string => (Object.hasOwn(PROBLEMS, code) ? (PROBLEMS[code] as Words) : UNKNOWN)[lang];

const CODE_FOR_SUPPORT: Words = { en: 'Code for the administrator: {code}', km: 'លេខកូដសម្រាប់អ្នកគ្រប់គ្រងប្រព័ន្ធ៖ {code}' };

/** The refusal's code as a reference for whoever supports the officer (never the message itself). */
export const supportCode = (code: string, lang: Lang): string => CODE_FOR_SUPPORT[lang].replace('{code}', code);

/** One sentence per kind of field problem (`{field}` marks the field's name), by validation issue code. */
const ISSUES: Readonly<Record<string, Words>> = {
  invalid_format: {
    en: '{field}: not written in the expected form. Follow the hint under the field.',
    km: '{field}៖ មិនបានសរសេរតាមទម្រង់ដែលត្រូវការទេ។ សូមធ្វើតាមការណែនាំនៅក្រោមវាល។',
  },
  too_big: { en: '{field}: too long or too large. Shorten it.', km: '{field}៖ វែងពេក ឬធំពេក។ សូមកាត់បន្ថយ។' },
  too_small: { en: '{field}: empty or too short. Fill it in.', km: '{field}៖ ទទេ ឬខ្លីពេក។ សូមបំពេញ។' },
};
const ISSUE_OTHER: Words = { en: '{field}: this value is not accepted. Check it and send again.', km: '{field}៖ តម្លៃនេះមិនត្រូវបានទទួលយកទេ។ សូមពិនិត្យ ហើយផ្ញើម្តងទៀត។' };

/** Names of the form fields a refusal may point at, where the field's code is not a word. */
const FORM_FIELDS: Readonly<Record<string, Words>> = {
  id: { en: 'Identifier', km: 'លេខសម្គាល់' },
  name: { en: 'Name', km: 'ឈ្មោះ' },
  name_km: { en: 'Name in Khmer', km: 'ឈ្មោះជាភាសាខ្មែរ' },
  title: { en: 'Title', km: 'ចំណងជើង' },
  legal_basis: { en: 'Legal basis', km: 'មូលដ្ឋានច្បាប់' },
  description: { en: 'Description', km: 'ការពិពណ៌នា' },
  reason: { en: 'Reason', km: 'មូលហេតុ' },
};

/**
 * A problem with one field, in words: the field's name and what to do, never the gateway's raw
 * message (which may quote a pattern).
 *
 * @example issueSentence({ path: 'id', code: 'invalid_format' }, 'en') // 'Identifier: not written in the expected form. …'
 */
export function issueSentence(issue: { readonly path: string; readonly code?: string }, lang: Lang): string {
  const last =
    issue.path
      .split(/[./]/)
      .filter((p) => p !== '' && !/^\d+$/.test(p))
      .pop() ?? issue.path;
  const name = Object.hasOwn(FORM_FIELDS, last) ? (FORM_FIELDS[last] as Words)[lang] : last;
  const words = issue.code !== undefined && Object.hasOwn(ISSUES, issue.code) ? (ISSUES[issue.code] as Words) : ISSUE_OTHER;
  return words[lang].replace('{field}', name);
}
