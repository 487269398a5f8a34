/**
 * Khmer dates and numbers when the browser's Intl has no Khmer locale data (Chromium ships without
 * it; Firefox has it): the parts are computed here, the words and digits are Khmer. Month names are
 * the Gregorian ones used in Cambodian administration. Same wording as the console's
 * (`gateway/console/src/i18n/khmer-format.ts`); the viewer keeps its own copy so that neither bundle
 * reaches into the other's sources.
 */

/** Khmer names of the Gregorian months, January first. */
export const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'] as const;
const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

/** Western digits replaced by Khmer digits, e.g. `khmerDigits('45–49')` → "៤៥–៤៩". */
export const khmerDigits = (text: string): string => text.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)] as string);
