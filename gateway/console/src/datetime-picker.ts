/**
 * A date-and-time picker that says which time zone it means: a date field in the chosen language's
 * format (`date-input.ts`), a time field (24-hour)
 * and the zone with its UTC offset beside them. Its value is an RFC 3339 date-time with that
 * zone's offset, which is what the admin API takes.
 */
import { localDate, rfc3339InZone, zonedInstant } from '@need2know/zoned-time';
import { dayInput } from './date-input.js';
import { h, uid } from './dom.js';
import { currentZone, t, zoneLabel } from './i18n/i18n.js';

export interface DateTimePicker {
  readonly element: HTMLFieldSetElement;
  /** The picked instant in Unix ms, or null when incomplete. */
  instant(): number | null;
  /** The picked instant as RFC 3339 with the zone's offset, or null. */
  value(): string | null;
  set(instantMs: number): void;
  onChange(listener: () => void): void;
}

export function dateTimePicker(legend: string, name: string, initialMs: number): DateTimePicker {
  const zone = currentZone();
  const timeId = uid(`${name}-time`);
  const zoneId = uid(`${name}-zone`);
  // The day in the chosen language's format (`date-input.ts`), not the browser's locale.
  const date = dayInput(`${name}_date`, '', { required: true, describedBy: zoneId });
  const time = h('input', { type: 'time', id: timeId, name: `${name}_time`, required: true, step: 60, 'aria-describedby': zoneId });
  const element = h(
    'fieldset',
    { class: 'datetime' },
    h('legend', {}, legend),
    h(
      'div',
      { class: 'datetime-row' },
      h('label', { for: date.input.id }, t('date')),
      date.input,
      h('label', { for: timeId }, t('time')),
      time,
      h('span', { class: 'zone', id: zoneId }, zoneLabel(zone)),
    ),
    date.notes,
  );
  const set = (ms: number) => {
    date.set(localDate(zone, ms));
    const wall = rfc3339InZone(zone, ms);
    time.value = wall.slice(11, 16);
  };
  set(initialMs);
  const instant = () => {
    const day = date.day();
    return day === null || day === '' ? null : zonedInstant(zone, day, time.value);
  };
  return {
    element,
    instant,
    value: () => {
      const ms = instant();
      return ms === null ? null : rfc3339InZone(zone, ms);
    },
    set,
    onChange: (listener) => {
      date.onChange(listener);
      time.addEventListener('input', listener);
    },
  };
}

/** `ms` rounded down to the minute (the pickers show minutes). */
export const toMinute = (ms: number): number => Math.floor(ms / 60_000) * 60_000;
