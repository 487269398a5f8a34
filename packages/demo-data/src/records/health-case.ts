import type { PlaceCodes } from '@need2know/schema';
import { fromDay } from '../lib/dates.js';
import { type Rng, cumulative, streamRng } from '../lib/prng.js';
import { HEALTH_LINKED_SHARE, OUTBREAK_DAYS } from '../constants.js';
import { healthCaseId } from '../ids.js';
import { places } from '../places/places.js';
import type { Province } from '../places/types.js';
import { type GeneratorContext, STREAMS } from './context.js';
import { randomDateOfBirth, randomIdentity, randomPhone } from './identity.js';
import { nationalIdAt, personAt } from './person.js';
import type { HealthCaseRecord } from './types.js';
import { placeValue, randomVillage } from './where.js';

const RESULTS = cumulative([
  ['positive', 70],
  ['negative', 25],
  ['inconclusive', 5],
] as const);
/** Share of patients living in the outbreak's provinces; the rest are spread by population. */
const OUTBREAK_CLUSTER_SHARE = 0.6;
/** The outbreak peaks this many days before the reference date. */
const PEAK_DAYS_AGO = 45;
/** Patients not in the person data: share with a national ID, a phone, a date of birth. */
const FRESH_ID_SHARE = 0.7;
const FRESH_PHONE_SHARE = 0.9;
const DOB_SHARE = 0.9;
/** Health-only patients take national IDs from the top of the ID space, far from the persons' indices. */
const FRESH_ID_BASE = 999_999_999;

/** The two provinces where a dataset's outbreak is concentrated (fixed per seed). */
function outbreakProvinces(context: GeneratorContext): readonly Province[] {
  const rng = streamRng(context.key, STREAMS.dataset, 0);
  const first = rng.pick(places.provinces);
  const rest = places.provinces.filter((p) => p !== first);
  return [first, rng.pick(rest)];
}

const outbreakCache = new WeakMap<GeneratorContext, readonly Province[]>();

/**
 * The health case at `index` (0-based): a test during an outbreak, with close contacts and places visited
 * for positive patients. About half the patients are persons of the dataset (same ID, name and phone).
 */
export function healthCaseAt(context: GeneratorContext, index: number): HealthCaseRecord {
  const rng = streamRng(context.key, STREAMS.health, index);
  let outbreak = outbreakCache.get(context);
  if (outbreak === undefined) {
    outbreak = outbreakProvinces(context);
    outbreakCache.set(context, outbreak);
  }
  const testDay = context.referenceDay - testDaysAgo(rng);
  const result = rng.weighted(RESULTS);
  const linked = context.sizes.persons > 0 && rng.chance(HEALTH_LINKED_SHARE) ? personAt(context, rng.int(context.sizes.persons)) : undefined;
  let patient: Pick<HealthCaseRecord, 'national_id' | 'name_km' | 'name_latin' | 'phone' | 'date_of_birth' | 'residence'>;
  if (linked !== undefined) {
    patient = {
      national_id: linked.national_id,
      name_km: linked.name_km,
      name_latin: linked.name_latin,
      ...(linked.phone === undefined ? {} : { phone: linked.phone }),
      date_of_birth: linked.date_of_birth,
      residence: linked.address,
    };
  } else {
    const identity = randomIdentity(rng);
    const nationalId = rng.chance(FRESH_ID_SHARE) ? nationalIdAt(context, FRESH_ID_BASE - index) : undefined;
    const phone = rng.chance(FRESH_PHONE_SHARE) ? randomPhone(rng) : undefined;
    const dob = rng.chance(DOB_SHARE) ? randomDateOfBirth(rng, context.referenceDay, 0.2) : undefined;
    const province = rng.chance(OUTBREAK_CLUSTER_SHARE) ? rng.pick(outbreak) : undefined;
    patient = {
      ...(nationalId === undefined ? {} : { national_id: nationalId }),
      name_km: identity.nameKm,
      name_latin: identity.nameLatin,
      ...(phone === undefined ? {} : { phone }),
      ...(dob === undefined ? {} : { date_of_birth: dob }),
      residence: placeValue(randomVillage(rng, province), rng.chance(0.7)),
    };
  }
  const tracing = result === 'positive';
  const visited = tracing ? placesVisited(rng, patient.residence, testDay) : [];
  const contacts = tracing ? closeContacts(rng) : [];
  return {
    id: healthCaseId(index),
    ...(patient.national_id === undefined ? {} : { national_id: patient.national_id }),
    name_km: patient.name_km,
    name_latin: patient.name_latin,
    ...(patient.phone === undefined ? {} : { phone: patient.phone }),
    ...(patient.date_of_birth === undefined ? {} : { date_of_birth: patient.date_of_birth }),
    test_date: fromDay(testDay),
    result,
    residence: patient.residence,
    ...(visited.length === 0 ? {} : { places_visited: visited }),
    ...(contacts.length === 0 ? {} : { contacts }),
  };
}

/** Days before the reference date: three quarters around the peak (a rough bell from three uniforms), the rest uniform. */
function testDaysAgo(rng: Rng): number {
  const days = rng.chance(0.75) ? Math.round(PEAK_DAYS_AGO + (rng.float() + rng.float() + rng.float() - 1.5) * 40) : rng.int(OUTBREAK_DAYS);
  return Math.min(OUTBREAK_DAYS - 1, Math.max(0, days));
}

/** Up to five places in the 14 days before the test, mostly in the patient's own province. */
function placesVisited(rng: Rng, residence: PlaceCodes, testDay: number): Array<{ place: PlaceCodes; date: string }> {
  const home = places.province(residence.province);
  return Array.from({ length: rng.between(0, 5) }, () => ({
    place: placeValue(randomVillage(rng, rng.chance(0.8) ? home : undefined), rng.chance(0.6)),
    date: fromDay(testDay - rng.between(1, 14)),
  }));
}

/** Up to six close contacts, by name and phone, as a tracer would note them. */
function closeContacts(rng: Rng): Array<{ name_latin: string; phone: string }> {
  return Array.from({ length: rng.between(0, 6) }, () => ({ name_latin: randomIdentity(rng).nameLatin, phone: randomPhone(rng) }));
}
