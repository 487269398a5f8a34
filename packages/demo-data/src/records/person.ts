import { permute } from '../lib/permutation.js';
import { fromDay, toDay } from '../lib/dates.js';
import { type Rng, cumulative, streamRng } from '../lib/prng.js';
import { BLACKLIST_SHARE, MINOR_SHARE, NICKNAME_SHARE, PHONE_SHARE, PHOTO_SHARE, RED_NOTICE_SHARE } from '../constants.js';
import { personId } from '../ids.js';
import { places } from '../places/places.js';
import { type GeneratorContext, STREAMS } from './context.js';
import { type Identity, randomDateOfBirth, randomIdentity, randomPhone } from './identity.js';
import { NICKNAMES } from '../vocab/nicknames.js';
import type { BlacklistListing, PersonRecord } from './types.js';
import { placeValue, randomVillage } from './where.js';

/** National ID numbers are 9 digits: a keyed permutation of [0, 10^9) makes them unique and random-looking. */
const NATIONAL_ID_SPACE = 1_000_000_000;

/** Listings relative to the reference date: some in force, some expired, some not yet begun. */
const LISTING_TIMING = cumulative([
  ['current', 50],
  ['past', 30],
  ['future', 20],
] as const);

/** The part of a person that cases and health cases need about the people they mention. */
export interface PersonCore extends Identity {
  readonly index: number;
  readonly dateOfBirth: string;
}

/** Unique 9-digit national ID of the person at `index`; indices from the top of the space are for health-only patients. */
export function nationalIdAt(context: GeneratorContext, index: number): string {
  return String(permute(index, NATIONAL_ID_SPACE, context.key[0])).padStart(9, '0');
}

/** Sex, name and date of birth of the person at `index`: the first draws of {@link personAt}, so both agree. */
export function personCoreAt(context: GeneratorContext, index: number): PersonCore {
  return core(streamRng(context.key, STREAMS.person, index), context, index);
}

/** The person at `index` (0-based), generated on its own. */
export function personAt(context: GeneratorContext, index: number): PersonRecord {
  const rng = streamRng(context.key, STREAMS.person, index);
  const person = core(rng, context, index);
  const id = personId(index);
  const adult = context.referenceDay - toDay(person.dateOfBirth) >= 18 * 366;
  const phone = rng.chance(PHONE_SHARE) ? randomPhone(rng) : undefined;
  const address = placeValue(randomVillage(rng));
  const photo = rng.chance(PHOTO_SHARE);
  const redNotice = adult && rng.chance(RED_NOTICE_SHARE / (1 - MINOR_SHARE));
  const listed = adult && rng.chance(BLACKLIST_SHARE);
  const blacklist = listed ? listings(rng, context.referenceDay, address.province) : undefined;
  // Drawn last, so that the draws before it (and the records they make) stay as they were.
  const nicknames = rng.chance(NICKNAME_SHARE) ? rng.pick(NICKNAMES) : undefined;
  return {
    id,
    national_id: nationalIdAt(context, index),
    name_km: person.nameKm,
    name_latin: person.nameLatin,
    ...(nicknames === undefined ? {} : { nicknames: `${nicknames[1]}, ${nicknames[0]}` }),
    sex: person.sex,
    date_of_birth: person.dateOfBirth,
    ...(phone === undefined ? {} : { phone }),
    address,
    ...(photo ? { photo_ref: `media/person/${id}.jpg` } : {}),
    red_notice: redNotice,
    ...(blacklist === undefined ? {} : { blacklist }),
  };
}

function core(rng: Rng, context: GeneratorContext, index: number): PersonCore {
  const { sex, nameKm, nameLatin } = randomIdentity(rng);
  return { sex, nameKm, nameLatin, index, dateOfBirth: randomDateOfBirth(rng, context.referenceDay, MINOR_SHARE) };
}

/** One listing (sometimes two, one after the other) of 1–5 years, with a court verdict as reference. */
function listings(rng: Rng, referenceDay: number, provinceCode: string): BlacklistListing[] {
  const count = rng.chance(0.1) ? 2 : 1;
  const out: BlacklistListing[] = [];
  let from = 0;
  let until = 0;
  for (let i = 0; i < count; i++) {
    const length = rng.between(1, 5) * 365;
    if (i === 0) {
      const timing = rng.weighted(LISTING_TIMING);
      if (timing === 'current') from = referenceDay - rng.between(1, length - 1);
      else if (timing === 'past') from = referenceDay - length - rng.between(1, 3 * 365);
      else from = referenceDay + rng.between(1, 180);
    } else {
      from = until + rng.between(1, 400);
    }
    until = from + length;
    const province = places.province(provinceCode);
    const court = province?.kind === 'capital' ? 'Phnom Penh Municipal Court' : `${province?.nameLatin ?? 'Provincial'} Provincial Court`;
    out.push({
      list: 'drug_offence_officials',
      listed_from: fromDay(from),
      listed_until: fromDay(until),
      reference: `Verdict ${rng.between(1, 2999)}/${fromDay(from - rng.between(10, 90)).slice(0, 4)}, ${court}`,
    });
  }
  return out;
}
