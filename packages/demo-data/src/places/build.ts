import { type Rng, seedKey, streamRng } from '../lib/prng.js';
import { CAPITAL_CODE, PROVINCES } from './provinces.js';
import { HEADS, TAILS } from './syllables.js';
import type { Commune, CommuneKind, District, Province, Village } from './types.js';

/**
 * Fixed seed of the synthetic hierarchy. It does not depend on a dataset's seed: every dataset, the
 * statistics and the console share one map. Changing it renames every district, commune and village.
 */
const HIERARCHY_SEED = 'need2know-places-v1';

/** Communes per district and villages per commune, inclusive ranges close to the national averages (≈ 8 and ≈ 9). */
const COMMUNES = { khan: [7, 12], krong: [4, 8], srok: [5, 11] } as const;
const VILLAGES = { sangkat: [5, 12], khum: [4, 14] } as const;

/** The 25 real provinces with a synthetic hierarchy beneath them, the same on every run. */
export function buildProvinces(): Province[] {
  const rng = streamRng(seedKey(HIERARCHY_SEED), 0, 0);
  return PROVINCES.map((p): Province => {
    const capital = p.code === CAPITAL_CODE;
    const names = uniqueNames(rng, p.districts);
    const districts = names.map(([nameKm, nameLatin], d): District => {
      const kind = capital ? 'khan' : d === 0 ? 'krong' : 'srok';
      const code = p.code + pad2(d + 1);
      const communeKind: CommuneKind = kind === 'srok' ? 'khum' : 'sangkat';
      const [min, max] = COMMUNES[kind];
      const communes = uniqueNames(rng, rng.between(min, max)).map(([cKm, cLatin], c): Commune => {
        const communeCode = code + pad2(c + 1);
        const [vMin, vMax] = VILLAGES[communeKind];
        const villages = uniqueNames(rng, rng.between(vMin, vMax)).map(
          ([vKm, vLatin], v): Village => ({
            level: 'village',
            code: communeCode + pad2(v + 1),
            nameKm: vKm,
            nameLatin: vLatin,
            provinceCode: p.code,
            districtCode: code,
            communeCode,
          }),
        );
        return { level: 'commune', code: communeCode, nameKm: cKm, nameLatin: cLatin, kind: communeKind, provinceCode: p.code, districtCode: code, villages };
      });
      return { level: 'district', code, nameKm, nameLatin, kind, provinceCode: p.code, communes };
    });
    return {
      level: 'province',
      code: p.code,
      nameKm: p.nameKm,
      nameLatin: p.nameLatin,
      kind: capital ? 'capital' : 'province',
      population: p.population,
      districts,
    };
  });
}

/** `count` distinct head+tail names, Khmer written solid and Latin with a space, as on road signs. */
function uniqueNames(rng: Rng, count: number): Array<readonly [string, string]> {
  const seen = new Set<string>();
  const names: Array<readonly [string, string]> = [];
  while (names.length < count) {
    const [headKm, headLatin] = rng.pick(HEADS);
    const [tailKm, tailLatin] = rng.pick(TAILS);
    const latin = `${headLatin} ${tailLatin}`;
    if (seen.has(latin)) continue;
    seen.add(latin);
    names.push([headKm + tailKm, latin]);
  }
  return names;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
