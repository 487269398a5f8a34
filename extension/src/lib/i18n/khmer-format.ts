/**
 * Khmer dates and numbers when the browser's Intl has no Khmer locale data (Chromium ships without
 * it; Firefox has it): the parts are computed here, the words and digits are Khmer. Month names are
 * the Gregorian ones used in Cambodian administration, from `@need2know/zoned-time`, shared with the
 * console.
 */
export { KHMER_MONTHS, khmerDigits } from '@need2know/zoned-time';
