import { longDate } from '../lib/dates.js';
import type { Rng } from '../lib/prng.js';
import type { PlaceCodes } from '@need2know/schema';
import { places } from '../places/places.js';
import type { Offence } from '../vocab/offences.js';
import type { Participant } from './case.js';
import type { CaseRecord } from './types.js';

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
  under_investigation: ['Officers are collecting evidence and questioning witnesses.', 'The investigation continues; officers are checking camera footage nearby.'],
  referred_to_court: ['The suspect was arrested and the case file was forwarded to the court.', 'After questioning, the suspect was sent to court with the case file.'],
  closed: ['The court has ruled and the case is closed.', 'The case was closed after the parties settled and the complaint was withdrawn.'],
};

/**
 * A short synthetic account in English: when and where, who did what to whom, and how far the case has
 * gone. Adults are named as the records name them; minors are described by age only.
 */
export function caseNarrative(rng: Rng, facts: NarrativeFacts): string {
  const suspects = facts.participants.filter((p) => p.role === 'suspect');
  const victims = facts.participants.filter((p) => p.role === 'victim');
  const witnesses = facts.participants.filter((p) => p.role === 'witness');
  const [suspect] = suspects;
  const [victim] = victims;
  const subject = suspect === undefined ? 'an unidentified person' : describe(suspect);
  const victimText = victim === undefined ? (facts.offence.victims === 'child' ? 'a child' : facts.offence.victims === 'woman_or_child' ? 'a woman' : 'a local resident') : describe(victim);
  const hour = rng.int(24);
  const minute = rng.int(12) * 5;
  const time = `${hour < 10 ? '0' : ''}${hour}:${minute < 10 ? '0' : ''}${minute}`;
  const sentences = [
    `On ${longDate(facts.occurredOn)} at about ${time}, in ${places.label(facts.place)}, ${subject} ${facts.offence.act.replace('{victim}', victimText)}.`,
  ];
  if (suspects.length > 1) sentences.push(`Police identified ${suspects.length === 2 ? 'an accomplice' : `${(NUMBERS[suspects.length - 1] ?? 'several').toLowerCase()} accomplices`}.`);
  const second = victims[1];
  if (second !== undefined) sentences.push(`A second victim, ${describe(second)}, was also harmed.`);
  const [witness] = witnesses;
  if (witness !== undefined) {
    sentences.push(witnesses.length === 1 ? `A witness, ${describe(witness)}, gave a statement.` : `${NUMBERS[witnesses.length] ?? 'Several'} witnesses, among them ${describe(witness)}, gave statements.`);
  }
  return `${sentences.join(' ')}\n${rng.pick(OUTCOMES[facts.status])} The case is handled by the ${facts.unit}.`;
}

function describe(person: Participant | undefined): string {
  if (person === undefined) return 'an unidentified person';
  if (person.age < 18) return `a ${person.age}-year-old ${person.sex === 'F' ? 'girl' : person.sex === 'M' ? 'boy' : 'child'}`;
  return `${person.nameLatin} (${person.sex === 'F' ? 'female' : person.sex === 'M' ? 'male' : 'sex X'}, ${person.age})`;
}
