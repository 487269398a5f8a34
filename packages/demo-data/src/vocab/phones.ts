/**
 * Mobile prefixes (national number without the trunk 0) of Cambodia's operators, with the number of
 * subscriber digits that follow. Weights roughly follow market share. Numbers drawn from them are
 * random: some will happen to be real numbers, which is why the demo never calls or texts anyone.
 */
export const MOBILE_PREFIXES: ReadonlyArray<readonly [prefix: string, digits: number, weight: number]> = [
  // Cellcard
  ['11', 6, 3],
  ['12', 6, 6],
  ['14', 6, 1],
  ['17', 6, 3],
  ['61', 6, 1],
  ['76', 7, 2],
  ['77', 6, 2],
  ['78', 6, 2],
  ['85', 6, 2],
  ['89', 6, 2],
  ['92', 6, 2],
  ['95', 6, 2],
  ['99', 6, 2],
  // Smart
  ['10', 6, 4],
  ['15', 6, 3],
  ['16', 6, 3],
  ['69', 6, 3],
  ['70', 6, 4],
  ['81', 6, 3],
  ['86', 6, 3],
  ['87', 6, 2],
  ['93', 6, 4],
  ['96', 7, 4],
  ['98', 6, 3],
  // Metfone
  ['31', 7, 3],
  ['60', 6, 2],
  ['66', 6, 2],
  ['67', 6, 2],
  ['68', 6, 2],
  ['71', 7, 3],
  ['88', 7, 5],
  ['90', 6, 2],
  ['97', 7, 5],
  // Seatel and Cootel
  ['18', 7, 1],
  ['38', 7, 1],
];
