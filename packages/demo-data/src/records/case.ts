import { ageOn, fromDay } from '../lib/dates.js';
import { type Rng, cumulative, streamRng } from '../lib/prng.js';
import { HISTORY_DAYS, SENSITIVE_SHARE } from '../constants.js';
import { caseId, personId } from '../ids.js';
import { CRITERION_WEIGHTS, OFFENCES, type Offence, type VictimProfile } from '../vocab/offences.js';
import { type GeneratorContext, STREAMS } from './context.js';
import { caseNarrative } from './narrative.js';
import { type PersonCore, personAt, personCoreAt } from './person.js';
import type { CaseRecord, CaseRole, EvidenceItem } from './types.js';
import { handlingUnit } from './units.js';
import { placeValue, randomVillage } from './where.js';

const CRITERIA = cumulative(CRITERION_WEIGHTS);
const OFFENCE_TABLES = {
  1: cumulative(OFFENCES[1].map((o) => [o, o.weight] as const)),
  2: cumulative(OFFENCES[2].map((o) => [o, o.weight] as const)),
  3: cumulative(OFFENCES[3].map((o) => [o, o.weight] as const)),
  4: cumulative(OFFENCES[4].map((o) => [o, o.weight] as const)),
  5: cumulative(OFFENCES[5].map((o) => [o, o.weight] as const)),
} as const;

/** Procedural status by the age of the case: recent cases are open, older ones mostly in court or closed. */
const STATUS_BY_AGE = [
  {
    maxDays: 30,
    table: cumulative([
      ['reported', 50],
      ['under_investigation', 50],
    ] as const),
  },
  {
    maxDays: 180,
    table: cumulative([
      ['reported', 10],
      ['under_investigation', 55],
      ['referred_to_court', 20],
      ['closed', 15],
    ] as const),
  },
  {
    maxDays: Infinity,
    table: cumulative([
      ['reported', 3],
      ['under_investigation', 22],
      ['referred_to_court', 35],
      ['closed', 40],
    ] as const),
  },
];

const EVIDENCE_COUNT = cumulative([
  [0, 25],
  [1, 30],
  [2, 25],
  [3, 12],
  [4, 8],
] as const);
const MEDIA_KIND = cumulative([
  ['photo', 55],
  ['video', 20],
  ['document', 25],
] as const);
const EXTENSION = { photo: 'jpg', video: 'mp4', document: 'pdf' } as const;

/** Share of cases with no identified suspect; tries to find a person matching a role's profile. */
const UNKNOWN_SUSPECT_SHARE = 0.15;
const PICK_ATTEMPTS = 8;

/** A person taking part in a case, with what the narrative and the evidence flags need to know. */
export interface Participant extends PersonCore {
  readonly role: CaseRole;
  readonly age: number;
  /** From the person record, for narratives that write them as real ones do. */
  readonly phone?: string;
  readonly nickname?: { readonly latin: string; readonly km: string };
  readonly nationalId?: string;
}

/** `chosen` with the phone, nickname and ID number of its person record (generated on its own: no draw from the case's stream). */
function withRecordDetails(context: GeneratorContext, chosen: Participant): Participant {
  const record = personAt(context, chosen.index);
  const [latin, km] = (record.nicknames ?? '').split(', ');
  return {
    ...chosen,
    nationalId: record.national_id,
    ...(record.phone === undefined ? {} : { phone: record.phone }),
    ...(latin === undefined || km === undefined ? {} : { nickname: { latin, km } }),
  };
}

/** The case at `index` (0-based), generated on its own. Persons are drawn from the dataset's persons. */
export function caseAt(context: GeneratorContext, index: number): CaseRecord {
  const rng = streamRng(context.key, STREAMS.case, index);
  const id = caseId(index);
  const criterion = rng.weighted(CRITERIA);
  const offence = rng.weighted(OFFENCE_TABLES[criterion]);
  // Slightly more cases recently: recording improves over time.
  const daysAgo = Math.floor(rng.float() ** 1.15 * HISTORY_DAYS);
  const occurredOn = fromDay(context.referenceDay - daysAgo);
  const village = randomVillage(rng);
  const place = placeValue(village, rng.chance(0.85));
  const participants = context.sizes.persons > 0 ? drawParticipants(rng, context, offence, occurredOn) : [];
  const suspects = participants.filter((p) => p.role === 'suspect').length;
  let status = statusFor(rng, daysAgo);
  // Nobody goes to court without a suspect.
  if (status === 'referred_to_court' && suspects === 0) status = 'under_investigation';
  const minorInvolved = participants.some((p) => p.age < 18);
  const unit = handlingUnit(rng, criterion, village);
  const narrative = rng.chance(0.92) ? caseNarrative(rng, { offence, occurredOn, place, participants, status, unit }) : undefined;
  const evidence = drawEvidence(rng, id, participants, status);
  const sensitive = rng.chance(criterion === 3 ? (minorInvolved ? SENSITIVE_SHARE.criterion3WithMinor : SENSITIVE_SHARE.criterion3) : SENSITIVE_SHARE.other);
  return {
    id,
    case_number: `${place.district}/${occurredOn.slice(0, 4)}/${String(index + 1).padStart(7, '0')}`,
    criterion,
    offence: offence.name,
    occurred_on: occurredOn,
    place,
    status,
    handling_unit: unit,
    ...(narrative === undefined ? {} : { narrative }),
    ...(participants.length === 0 ? {} : { persons: participants.map((p) => ({ person_id: personId(p.index), role: p.role })) }),
    ...(evidence.length === 0 ? {} : { evidence }),
    sensitivity: sensitive ? 'sensitive' : 'normal',
  };
}

function statusFor(rng: Rng, daysAgo: number): CaseRecord['status'] {
  for (const band of STATUS_BY_AGE) if (daysAgo <= band.maxDays) return rng.weighted(band.table);
  return 'closed';
}

/** Suspects, victims and witnesses, each a distinct person who fits the role where one can be found quickly. */
function drawParticipants(rng: Rng, context: GeneratorContext, offence: Offence, on: string): Participant[] {
  const suspects = rng.chance(UNKNOWN_SUSPECT_SHARE) ? 0 : Math.min(offence.maxSuspects, 1 + (rng.chance(0.35) ? 1 + (rng.chance(0.3) ? 1 : 0) : 0));
  const victims = offence.victims === 'none' ? 0 : rng.chance(0.1) ? 2 : 1;
  const witnesses = rng.chance(0.45) ? rng.between(1, 2) : 0;
  const taken = new Set<number>();
  const out: Participant[] = [];
  const draw = (role: CaseRole, fits: (p: Participant) => boolean) => {
    let chosen: Participant | undefined;
    for (let attempt = 0; attempt < PICK_ATTEMPTS && taken.size < context.sizes.persons; attempt++) {
      const index = rng.int(context.sizes.persons);
      if (taken.has(index)) continue;
      const core = personCoreAt(context, index);
      const candidate: Participant = {
        sex: core.sex,
        nameKm: core.nameKm,
        nameLatin: core.nameLatin,
        index,
        dateOfBirth: core.dateOfBirth,
        role,
        age: ageOn(core.dateOfBirth, on),
      };
      // Born after the offence, or a baby: not a participant.
      if (candidate.age < 1) continue;
      chosen = candidate;
      if (fits(candidate)) break;
    }
    if (chosen === undefined) return;
    taken.add(chosen.index);
    out.push(withRecordDetails(context, chosen));
  };
  // Some offenders are juveniles, but most suspects and witnesses are adults.
  for (let i = 0; i < suspects; i++) draw('suspect', (p) => p.age >= 18 || rng.chance(0.05));
  for (let i = 0; i < victims; i++) draw('victim', victimFits(offence.victims));
  for (let i = 0; i < witnesses; i++) draw('witness', (p) => p.age >= 16);
  return out;
}

function victimFits(profile: VictimProfile): (p: Participant) => boolean {
  switch (profile) {
    case 'child':
      return (p) => p.age < 18;
    case 'woman_or_child':
      return (p) => p.sex === 'F' || p.age < 18;
    default:
      return () => true;
  }
}

/** Photos, videos and documents; pictures are flagged when they show a minor, a restrained suspect, a victim or a witness. */
function drawEvidence(rng: Rng, id: string, participants: readonly Participant[], status: CaseRecord['status']): EvidenceItem[] {
  const count = rng.weighted(EVIDENCE_COUNT);
  const hasMinor = participants.some((p) => p.age < 18);
  const hasSuspect = participants.some((p) => p.role === 'suspect');
  const hasVictim = participants.some((p) => p.role === 'victim');
  const hasWitness = participants.some((p) => p.role === 'witness');
  const arrested = hasSuspect && status !== 'reported';
  const items: EvidenceItem[] = [];
  for (let n = 1; n <= count; n++) {
    const kind = rng.weighted(MEDIA_KIND);
    const media_ref = `media/case/${id}/${n}.${EXTENSION[kind]}`;
    if (kind === 'document') {
      items.push({ media_ref, kind, shows_minor: false, shows_restrained: false });
      continue;
    }
    items.push({
      media_ref,
      kind,
      shows_minor: (hasMinor && rng.chance(0.5)) || rng.chance(0.01),
      shows_restrained: arrested && rng.chance(0.35),
      shows_victim: hasVictim && rng.chance(0.4),
      shows_witness: hasWitness && rng.chance(0.2),
    });
  }
  return items;
}
