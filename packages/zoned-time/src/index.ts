/**
 * @need2know/zoned-time: civil time in a named IANA time zone with nothing but Intl — which local day
 * an instant falls on, when a local day starts, how a wall-clock choice becomes an instant. Decides
 * nothing: `@need2know/policy` asks it for the data owner's calendar day (`civilDate`), the gateway's
 * daily report for its days, the console's date pickers for what they show and send, and the
 * console's and the viewer's day inputs for what an officer types (`readDay`).
 */
export { DEFAULT_TIME_ZONE, isTimeZone, localDate, localDaysEnding, offsetText, rfc3339InZone, zonedInstant, zoneOffsetMinutes } from './zoned-time.js';
export type { LocalDay } from './zoned-time.js';
export { KHMER_MONTHS, khmerDigits, readDay } from './day-text.js';
export type { DayReading } from './day-text.js';
