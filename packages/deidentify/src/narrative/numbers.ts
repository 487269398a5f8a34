import { normalisePhone } from '@need2know/crypto';
import type { LabelledPerson, Replacement } from './types.js';

/**
 * Most digit groups one number is read from: `+855 (0) 12 345 678` has five; seven leaves room for
 * odd groupings without letting a run of unrelated numbers be read as one.
 */
export const MAX_NUMBER_GROUPS = 7;

/** Digits of a phone number with its prefix: `0` + 8 national digits at least, `00855` + 9 at most. */
const PHONE_DIGITS = { min: 9, max: 14 } as const;

/** Digits as written: ASCII, or Khmer ០–៩ as Khmer keyboards type them. */
const DIGIT_GROUP = /[0-9\u17e0-\u17e9]+/g;
/** What may stand between the groups of one number: up to three spaces, hyphens, dots, slashes, parentheses. */
const GROUP_GAP = /^[ \u00a0\t\-\u2010\u2011./()\u200b]{1,3}$/;
/** Separators of a date written in digits (`15/03/1990`, `1990-03-15`, `15.03.1990`). */
const DATE_GAP = /^[\s\u200b]*[/.-][\s\u200b]*$/;
/** The shape of a Cambodian ID card number written alone: nine digits, grouped or not. */
const ID_DIGITS = 9;
/** ID numbers are written grouped by three when grouped at all. */
const ID_GROUPS = 3;
/** A run of digits this long written in one piece is treated as an ID-shaped number whatever it is. */
const LONG_RUN = { min: 9, max: 12 } as const;

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

function asciiDigits(s: string): string {
  return s.replace(/[\u17e0-\u17e9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x17e0 + 0x30));
}

/** The phone number `digits` (with a `+` before them or not) stands for, in E.164, or undefined. */
function phoneOf(digits: string, plus: boolean): string | undefined {
  // The shapes the normaliser accepts at all (+855/00855/855 or the trunk 0, 8 or 9 national digits): skip the rest without a throw.
  if (digits.length < PHONE_DIGITS.min || digits.length > PHONE_DIGITS.max || !(plus || digits.startsWith('0') || digits.startsWith('855'))) return undefined;
  try {
    return normalisePhone(`${plus ? '+' : ''}${digits}`);
  } catch {
    return undefined;
  }
}

/** The calendar date (YYYY-MM-DD) three groups write as day/month/year or year/month/day, or undefined. */
function dateOf(text: string, groups: readonly Group[]): string | undefined {
  if (groups.length !== 3) return undefined;
  const [a, b, c] = groups as [Group, Group, Group];
  if (!DATE_GAP.test(text.slice(a.end, b.start)) || !DATE_GAP.test(text.slice(b.end, c.start))) return undefined;
  const [y, m, d] = a.digits.length === 4 ? [a.digits, b.digits, c.digits] : c.digits.length === 4 ? [c.digits, b.digits, a.digits] : [];
  if (y === undefined || m === undefined || d === undefined || m.length > 2 || d.length > 2) return undefined;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Runs of digit groups close enough to be one number, each as its groups. */
function numberRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  for (const m of text.matchAll(DIGIT_GROUP)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: asciiDigits(m[0]) };
    const last = run[run.length - 1];
    if (last !== undefined && !GROUP_GAP.test(text.slice(last.end, group.start))) {
      runs.push(run);
      run = [];
    }
    run.push(group);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Where the number made of `groups` starts: a `+` right before it, or `(` if its `)` follows inside. */
function numberStart(text: string, groups: readonly Group[]): { start: number; plus: boolean } {
  const first = groups[0] as Group;
  let start = first.start;
  const plus = text[start - 1] === '+';
  if (plus) start--;
  const last = groups[groups.length - 1] as Group;
  if (text[start - 1] === '(' && text.slice(first.end, last.end).includes(')')) start--;
  return { start, plus };
}

type Verdict = { readonly kind: 'phone' | 'id' | 'date_of_birth' | 'number'; readonly label: string } | 'keep' | undefined;

/** What the linked persons make of one candidate number, or undefined when it is none of theirs. */
function linkedVerdict(text: string, groups: readonly Group[], plus: boolean, persons: readonly LabelledPerson[]): Verdict {
  const digits = groups.map((g) => g.digits).join('');
  const date = dateOf(text, groups);
  if (date !== undefined) return persons.some((p) => p.datesOfBirth.includes(date)) ? { kind: 'date_of_birth', label: '[date of birth]' } : 'keep';
  const phone = phoneOf(digits, plus);
  // Also the national number alone (`12 345 678`), which no phone normaliser accepts on its own.
  if (persons.some((p) => p.phones.some((e164) => e164 === phone || (!plus && e164.slice(4) === digits)))) return { kind: 'phone', label: '[phone]' };
  if (!plus && persons.some((p) => p.nationalIds.includes(digits))) return { kind: 'id', label: '[id]' };
  return undefined;
}

/**
 * Whether a candidate number is shaped like a phone or an ID card number, whoever's it is: a phone
 * written with `+` or the trunk `0` (a bare `855…` among other numbers is more likely something
 * else), nine to twelve digits in one run, or nine digits in three groups of three (`010 203 040`).
 */
function shapeVerdict(groups: readonly Group[], plus: boolean): Verdict {
  const digits = groups.map((g) => g.digits).join('');
  if ((plus || digits.startsWith('0')) && phoneOf(digits, plus) !== undefined) return { kind: 'number', label: '[number]' };
  if (plus) return undefined;
  if (groups.length === 1 && digits.length >= LONG_RUN.min && digits.length <= LONG_RUN.max) return { kind: 'number', label: '[number]' };
  if (groups.length === ID_GROUPS && digits.length === ID_DIGITS && groups.every((g) => g.digits.length === ID_DIGITS / ID_GROUPS))
    return { kind: 'number', label: '[number]' };
  return undefined;
}

/**
 * Numbers written in `text` that identify: the linked persons' phones (`[phone]`, however written:
 * spaces, hyphens, dots, `+855`, `00855`, the trunk `0`, the national number alone, Khmer digits),
 * ID numbers (`[id]`), birth dates in digits (`[date of birth]`); then any other phone- or
 * ID-shaped number (`[number]`). Other dates and small numbers stay. Within a run of digit groups
 * the longest reading from the left wins, so `at 10 012 345 678` keeps `10`, and a linked person's
 * number wins over any other reading of the same groups.
 */
export function findNumbers(text: string, persons: readonly LabelledPerson[], taken: readonly Replacement[]): Replacement[] {
  const found: Replacement[] = [];
  const free = (start: number, end: number) => !taken.some((r) => r.start < end && start < r.end);
  for (const run of numberRuns(text)) {
    const used = new Array<boolean>(run.length).fill(false);
    // The linked persons' numbers first, so that another date read across their groups
    // (`2026 . 12/03/1990`: `2026 . 12/03`) cannot hide a birth date; then the other dates stay as
    // they are; then phone- and ID-shaped numbers.
    const judges = [
      (g: Group[], plus: boolean) => {
        const verdict = linkedVerdict(text, g, plus, persons);
        return verdict === 'keep' ? undefined : verdict;
      },
      (g: Group[]): Verdict => (dateOf(text, g) === undefined ? undefined : 'keep'),
      shapeVerdict,
    ];
    for (const judge of judges) {
      for (let i = 0; i < run.length; i++) {
        for (let j = Math.min(run.length, i + MAX_NUMBER_GROUPS); j > i; j--) {
          if (used.slice(i, j).some(Boolean)) continue;
          const groups = run.slice(i, j);
          const { start, plus } = numberStart(text, groups);
          const end = (groups[groups.length - 1] as Group).end;
          if (!free(start, end)) continue;
          const verdict = judge(groups, plus);
          if (verdict === undefined) continue;
          for (let n = i; n < j; n++) used[n] = true;
          if (verdict !== 'keep') found.push({ start, end, ...verdict });
          i = j - 1;
          break;
        }
      }
    }
  }
  return found;
}
