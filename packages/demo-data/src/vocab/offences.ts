/** Which persons an offence typically involves as victims. */
export type VictimProfile = 'none' | 'any' | 'woman_or_child' | 'child';

/** One kind of offence counted under a safe-village criterion, with what a narrative says happened. */
export interface Offence {
  readonly name: string;
  readonly weight: number;
  readonly victims: VictimProfile;
  /** Most suspects usually named in one case. */
  readonly maxSuspects: number;
  /** What the suspect did; `{victim}` is replaced by a description of the victim. */
  readonly act: string;
}

/** Share of cases under each of the five safe-village criteria (theft and drugs dominate, as in published figures). */
export const CRITERION_WEIGHTS: ReadonlyArray<readonly [1 | 2 | 3 | 4 | 5, number]> = [
  [1, 35],
  [2, 25],
  [3, 15],
  [4, 7],
  [5, 18],
];

/** Offences per criterion (DESIGN.md situation 2). */
export const OFFENCES: Readonly<Record<1 | 2 | 3 | 4 | 5, readonly Offence[]>> = {
  1: [
    { name: 'Theft', weight: 30, victims: 'any', maxSuspects: 2, act: 'stole cash and jewellery from the house of {victim}' },
    { name: 'Motorbike theft', weight: 25, victims: 'any', maxSuspects: 2, act: 'took a motorbike belonging to {victim} that was parked outside a market' },
    { name: 'Bag snatching', weight: 15, victims: 'any', maxSuspects: 2, act: 'rode past {victim} on a motorbike and snatched a handbag' },
    { name: 'Phone snatching', weight: 10, victims: 'any', maxSuspects: 2, act: 'snatched a mobile phone from {victim} at a roadside stall' },
    { name: 'Robbery', weight: 10, victims: 'any', maxSuspects: 3, act: 'threatened {victim} with a knife and took a phone and cash' },
    { name: 'Burglary', weight: 7, victims: 'any', maxSuspects: 2, act: 'broke into a shop owned by {victim} at night and took goods' },
    { name: 'Cattle theft', weight: 3, victims: 'any', maxSuspects: 2, act: 'led away two cows belonging to {victim} from a rice field' },
  ],
  2: [
    { name: 'Drug dealing', weight: 35, victims: 'none', maxSuspects: 2, act: 'was caught selling small packets of methamphetamine' },
    {
      name: 'Possession of illegal drugs for sale',
      weight: 30,
      victims: 'none',
      maxSuspects: 3,
      act: 'was found holding packets of methamphetamine ready for sale',
    },
    { name: 'Drug trafficking', weight: 20, victims: 'none', maxSuspects: 3, act: 'was stopped transporting methamphetamine tablets hidden in a vehicle' },
    { name: 'Cultivation of cannabis', weight: 10, victims: 'none', maxSuspects: 2, act: 'was found growing cannabis plants behind a house' },
    {
      name: 'Production of illegal drugs',
      weight: 5,
      victims: 'none',
      maxSuspects: 3,
      act: 'was found running a makeshift laboratory producing illegal drugs',
    },
  ],
  3: [
    { name: 'Domestic violence', weight: 50, victims: 'woman_or_child', maxSuspects: 1, act: 'beat {victim} at home after an argument' },
    {
      name: 'Procuring for prostitution',
      weight: 15,
      victims: 'woman_or_child',
      maxSuspects: 2,
      act: 'arranged sexual services with {victim} for paying customers',
    },
    {
      name: 'Trafficking of women',
      weight: 15,
      victims: 'woman_or_child',
      maxSuspects: 3,
      act: 'recruited {victim} with a false promise of factory work abroad',
    },
    { name: 'Trafficking of children', weight: 10, victims: 'child', maxSuspects: 3, act: 'arranged to hand {victim} over to another person for money' },
    {
      name: 'Running a brothel',
      weight: 10,
      victims: 'woman_or_child',
      maxSuspects: 2,
      act: 'ran a guesthouse offering sexual services, where police found {victim}',
    },
  ],
  4: [
    { name: 'Gang violence', weight: 45, victims: 'any', maxSuspects: 3, act: 'and other members of a youth gang attacked {victim} with sticks and knives' },
    { name: 'Gang fighting', weight: 35, victims: 'none', maxSuspects: 3, act: 'took part in a fight between two youth gangs' },
    {
      name: 'Extortion by a gang',
      weight: 20,
      victims: 'any',
      maxSuspects: 3,
      act: 'and accomplices demanded protection money from {victim}, a market vendor',
    },
  ],
  5: [
    { name: 'Illegal gambling', weight: 30, victims: 'none', maxSuspects: 3, act: 'ran an illegal card-gambling game in a house' },
    { name: 'Illegal online gambling', weight: 10, victims: 'none', maxSuspects: 2, act: 'operated an illegal online betting service from a rented flat' },
    { name: 'Cockfighting with betting', weight: 10, victims: 'none', maxSuspects: 3, act: 'organised cockfighting with betting' },
    { name: 'Illegal possession of a firearm', weight: 12, victims: 'none', maxSuspects: 1, act: 'was found carrying a handgun without a licence' },
    { name: 'Illegal possession of explosives', weight: 3, victims: 'none', maxSuspects: 1, act: 'was found keeping a hand grenade at home' },
    { name: 'Fraud', weight: 15, victims: 'any', maxSuspects: 2, act: 'took money from {victim} with a false promise of a job' },
    { name: 'Intentional violence', weight: 15, victims: 'any', maxSuspects: 2, act: 'injured {victim} in a fight outside a restaurant' },
    { name: 'Forgery', weight: 5, victims: 'none', maxSuspects: 1, act: 'forged land title documents' },
  ],
};
