/**
 * Measures the `redacted` mode of free text on the synthetic case narratives the demo generator
 * writes: are all the linked persons' identifiers gone, and how much of the rest is kept? Used by
 * `scripts/measure-narrative-redaction.ts` (the figures in BENCHMARKS.md) and by its test.
 *
 * The check of what survives is written apart from the redactor (plain string and digit searches
 * over the output), so that a spelling the redactor misses shows here rather than being missed twice.
 */
import { generateDataset, type PersonRecord } from '@need2know/demo-data';
import { linkedPersonsOf, REDACTION_KINDS, redactNarrative, type RedactionKind } from '@need2know/deidentify';
import { recordType } from '@need2know/schema';

/** What one run over the narratives found. */
export interface RedactionFigures {
  readonly narratives: number;
  readonly linkedPersons: number;
  /** Replacements made, per kind (role labels for names and nicknames, phone, id, date_of_birth, number). */
  readonly replaced: Readonly<Record<RedactionKind, number>>;
  /** Linked persons' identifiers still found in the redacted narratives (each a case id and what kind it was): must be none. */
  readonly surviving: readonly { readonly caseId: string; readonly kind: string }[];
  /** Words and numbers of the narratives that are not a linked person's identifier, and how many of them the redacted text keeps. */
  readonly otherTokens: number;
  readonly keptTokens: number;
  /** The other tokens lost most often, with how often (what over-redaction costs). */
  readonly lost: readonly (readonly [string, number])[];
  /** Time spent in `redactNarrative` alone, in milliseconds, over all narratives. */
  readonly redactMs: number;
}

/** How many of the most often lost tokens are reported. */
const LOST_REPORTED = 8;

const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;
const LABEL = /\[(?:victim|suspect|witness|person) \d+\]|\[(?:phone|id|date of birth|number)\]/g;
const TOKEN_SEPARATORS = /[\s,.;:()"\u17d4]+/u;
const DIGIT_RUN = /[+0-9\u17e0-\u17e9][0-9\u17e0-\u17e9 ./()-]*[0-9\u17e0-\u17e9]/g;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const digitsOf = (s: string) => s.replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - 0x17e0)).replace(/[^0-9]/g, '');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spellings of a person's names the generator writes: full names and given names in both scripts, and nicknames. */
function spellings(p: PersonRecord): { latin: string[]; khmer: string[] } {
  const [nickLatin, nickKm] = (p.nicknames ?? '').split(', ');
  const given = (name: string) => name.split(' ').slice(1).join(' ');
  const latin = [p.name_latin, given(p.name_latin), nickLatin ?? ''].filter((s) => s.length > 1);
  const khmer = [p.name_km, p.name_km.replace(' ', ''), given(p.name_km), nickKm ?? ''].filter((s) => s.length > 1);
  return { latin, khmer };
}

const compiled = new Map<string, RegExp>();

/** Where a Latin spelling occurs as a whole word, or a Khmer one on syllable edges (compiled once per spelling). */
function occurrences(spelling: string, latin: boolean): RegExp {
  const key = `${latin ? 'L' : 'K'}${spelling}`;
  let re = compiled.get(key);
  if (re === undefined) {
    re = latin
      ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(spelling)}(?![\\p{L}\\p{N}])`, 'giu')
      : new RegExp(`(?<!\\u17d2)${escapeRegExp(spelling)}(?![\\u17b6-\\u17d3\\u17dd])`, 'gu');
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** The numbers a person's identifiers are written with: phone national number, ID number, birth date as digits. */
function numberDigits(p: PersonRecord): string[] {
  const [y, m, d] = p.date_of_birth.split('-') as [string, string, string];
  return [...(p.phone === undefined ? [] : [p.phone.slice(4)]), p.national_id, `${d}${m}${y}`, `${y}${m}${d}`];
}

/** `text` with every identifier of `persons` cut out (for counting the other tokens). */
function withoutIdentifiers(text: string, persons: readonly PersonRecord[]): string {
  let out = text.replace(ZERO_WIDTH, '');
  for (const p of persons) {
    const { latin, khmer } = spellings(p);
    for (const s of [...latin].sort((a, b) => b.length - a.length)) out = out.replace(occurrences(s, true), ' ');
    for (const s of [...khmer].sort((a, b) => b.length - a.length)) out = out.replace(occurrences(s, false), ' ');
    out = out.replaceAll(`${Number(p.date_of_birth.slice(8))} ${MONTHS[Number(p.date_of_birth.slice(5, 7)) - 1]} ${p.date_of_birth.slice(0, 4)}`, ' ');
  }
  const numbers = persons.flatMap(numberDigits);
  return out.replace(DIGIT_RUN, (run) => (numbers.some((n) => digitsOf(run).includes(n)) ? ' ' : run));
}

/** What of `persons`' identifiers is still in `redacted`, by kind. */
function survivors(redacted: string, persons: readonly PersonRecord[]): string[] {
  const text = redacted.replace(ZERO_WIDTH, '');
  const found: string[] = [];
  for (const p of persons) {
    const { latin, khmer } = spellings(p);
    for (const s of latin) if (occurrences(s, true).test(text)) found.push('name (Latin)');
    for (const s of khmer) if (occurrences(s, false).test(text)) found.push('name (Khmer)');
    for (const run of text.match(DIGIT_RUN) ?? []) for (const n of numberDigits(p)) if (digitsOf(run).includes(n)) found.push('number');
  }
  return found;
}

function tokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of text.split(TOKEN_SEPARATORS)) if (t.length > 0) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Redacts every narrative of a generated dataset and counts what left and what stayed. */
export function measureNarrativeRedaction(options: { seed: string; persons: number; cases: number }): RedactionFigures {
  const data = generateDataset({ ...options, healthCases: 0, disciplines: 0 });
  const caseType = recordType('case');
  if (caseType === undefined) throw new Error('no case record type');
  const replaced = Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])) as Record<RedactionKind, number>;
  const surviving: { caseId: string; kind: string }[] = [];
  let narratives = 0;
  let linkedPersons = 0;
  let otherTokens = 0;
  let keptTokens = 0;
  let redactMs = 0;
  const lost = new Map<string, number>();
  for (const c of data.cases) {
    if (c.narrative === undefined) continue;
    narratives++;
    const persons = (c.persons ?? []).map((p) => data.personAt(Number(p.person_id.slice(-8)) - 1));
    linkedPersons += persons.length;
    const linked = linkedPersonsOf(caseType, c, new Map(persons.map((p) => [p.id, p])));
    const started = performance.now();
    const out = redactNarrative(c.narrative, linked);
    redactMs += performance.now() - started;
    for (const kind of REDACTION_KINDS) replaced[kind] += out.counts[kind];
    for (const kind of survivors(out.text, persons)) surviving.push({ caseId: c.id, kind });
    const before = tokens(withoutIdentifiers(c.narrative, persons));
    const after = tokens(out.text.replace(ZERO_WIDTH, '').replace(LABEL, ' '));
    for (const [token, n] of before) {
      otherTokens += n;
      const kept = Math.min(n, after.get(token) ?? 0);
      keptTokens += kept;
      if (kept < n) lost.set(token, (lost.get(token) ?? 0) + n - kept);
    }
  }
  const mostLost = [...lost].sort((a, b) => b[1] - a[1]).slice(0, LOST_REPORTED);
  return { narratives, linkedPersons, replaced, surviving, otherTokens, keptTokens, lost: mostLost, redactMs };
}
