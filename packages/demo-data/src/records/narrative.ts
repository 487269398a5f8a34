import { longDate } from '../lib/dates.js';
import type { Rng } from '../lib/prng.js';
import type { PlaceCodes } from '@need2know/schema';
import { places } from '../places/places.js';
import type { Offence } from '../vocab/offences.js';
import type { Participant } from './case.js';
import { randomPhone } from './identity.js';
import { khmerParagraph } from './narrative-km.js';
import type { CaseRecord } from './types.js';
import { givenName, writeBirthDate, writeId, writePhone } from './writing.js';

/** What a narrative is written from. */
export interface NarrativeFacts {
  readonly offence: Offence;
  readonly occurredOn: string;
  readonly place: PlaceCodes;
  readonly participants: readonly Participant[];
  readonly status: CaseRecord['status'];
  readonly unit: string;
}

const NUMBERS = ['', 'One', 'Two', 'Three', 'Four'];

const OUTCOMES: Readonly<Record<CaseRecord['status'], readonly string[]>> = {
  reported: ['The complaint was registered and a preliminary inquiry was opened.', 'The report was recorded and officers were sent to the scene.'],
  under_investigation: [
    'Officers are collecting evidence and questioning witnesses.',
    'The investigation continues; officers are checking camera footage nearby.',
  ],
  referred_to_court: [
    'The suspect was arrested and the case file was forwarded to the court.',
    'After questioning, the suspect was sent to court with the case file.',
  ],
  closed: ['The court has ruled and the case is closed.', 'The case was closed after the parties settled and the complaint was withdrawn.'],
};

/** Share of narratives with a Khmer summary under the English account. */
const KHMER_SUMMARY_SHARE = 0.7;

/**
 * A short synthetic account in English: when and where, who did what to whom, and how far the case has
 * gone; most with a Khmer summary below it. As real narratives do, adults are named as the records
 * name them, by full name, given name or nickname, with their phone numbers and sometimes the
 * suspect's ID number and birth date; other numbers (times, amounts, a bystander's phone) appear too.
 * Minors are described by age only, in both scripts.
 */
export function caseNarrative(rng: Rng, facts: NarrativeFacts): string {
  const suspects = facts.participants.filter((p) => p.role === 'suspect');
  const victims = facts.participants.filter((p) => p.role === 'victim');
  const witnesses = facts.participants.filter((p) => p.role === 'witness');
  const [suspect] = suspects;
  const [victim] = victims;
  const subject = suspect === undefined ? 'an unidentified person' : describe(suspect);
  const victimText =
    victim === undefined
      ? facts.offence.victims === 'child'
        ? 'a child'
        : facts.offence.victims === 'woman_or_child'
          ? 'a woman'
          : 'a local resident'
      : describe(victim);
  const hour = rng.int(24);
  const minute = rng.int(12) * 5;
  const time = `${hour < 10 ? '0' : ''}${hour}:${minute < 10 ? '0' : ''}${minute}`;
  const sentences = [
    `On ${longDate(facts.occurredOn)} at about ${time}, in ${places.label(facts.place)}, ${subject} ${facts.offence.act.replace('{victim}', victimText)}.`,
  ];
  if (suspects.length > 1)
    sentences.push(
      `Police identified ${suspects.length === 2 ? 'an accomplice' : `${(NUMBERS[suspects.length - 1] ?? 'several').toLowerCase()} accomplices`}.`,
    );
  const second = victims[1];
  if (second !== undefined) sentences.push(`A second victim, ${describe(second)}, was also harmed.`);
  const [witness] = witnesses;
  if (witness !== undefined) {
    const phone = witness.age >= 18 && witness.phone !== undefined && rng.chance(0.5) ? ` (tel. ${writePhone(rng, witness.phone)})` : '';
    sentences.push(
      witnesses.length === 1
        ? `A witness, ${describe(witness)}${phone}, gave a statement.`
        : `${NUMBERS[witnesses.length] ?? 'Several'} witnesses, among them ${describe(witness)}${phone}, gave statements.`,
    );
  }
  sentences.push(...identifying(rng, suspect, victim));
  if (rng.chance(0.3)) sentences.push(`Losses are estimated at ${rng.between(2, 90) * 10},000 riel.`);
  if (rng.chance(0.15)) sentences.push(`A bystander who gave no name called from ${writePhone(rng, randomPhone(rng))}.`);
  const english = `${sentences.join(' ')}\n${rng.pick(OUTCOMES[facts.status])} The case is handled by the ${facts.unit}.`;
  return rng.chance(KHMER_SUMMARY_SHARE) ? `${english}\n${khmerParagraph(rng, { occurredOn: facts.occurredOn, suspects, victims, witnesses })}` : english;
}

/** Sentences that identify adult participants the way reports do: ID and birth date, a phone call, a given name or nickname. */
function identifying(rng: Rng, suspect: Participant | undefined, victim: Participant | undefined): string[] {
  const out: string[] = [];
  const adultSuspect = suspect !== undefined && suspect.age >= 18 ? suspect : undefined;
  if (adultSuspect?.nationalId !== undefined && rng.chance(0.35)) {
    out.push(`The suspect was identified from ID card ${writeId(rng, adultSuspect.nationalId)} (born ${writeBirthDate(rng, adultSuspect.dateOfBirth)}).`);
  }
  if (victim !== undefined && victim.age >= 18 && victim.phone !== undefined && rng.chance(0.5))
    out.push(`${givenName(victim.nameLatin)} reported it by phone from ${writePhone(rng, victim.phone)}.`);
  if (adultSuspect !== undefined && rng.chance(0.5)) {
    const called = adultSuspect.nickname !== undefined && rng.chance(0.5) ? adultSuspect.nickname.latin : givenName(adultSuspect.nameLatin);
    const phone =
      adultSuspect.phone !== undefined && rng.chance(0.4) ? `; the suspect's phone ${writePhone(rng, adultSuspect.phone)} has been switched off since` : '';
    out.push(`${called} was last seen ${rng.pick(WHEREABOUTS)}${phone}.`);
  }
  return out;
}

const WHEREABOUTS = ['riding towards the river', 'at a guesthouse near the bus station', 'leaving the village before dawn', 'crossing the market on foot'];

function describe(person: Participant | undefined): string {
  if (person === undefined) return 'an unidentified person';
  if (person.age < 18) return `a ${person.age}-year-old ${person.sex === 'F' ? 'girl' : person.sex === 'M' ? 'boy' : 'child'}`;
  const nickname = person.nickname !== undefined ? `, known as ${person.nickname.latin}` : '';
  return `${person.nameLatin} (${person.sex === 'F' ? 'female' : person.sex === 'M' ? 'male' : 'sex X'}, ${person.age}${nickname})`;
}
