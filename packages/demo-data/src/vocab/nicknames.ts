import type { Name } from './names.js';

/**
 * Common Khmer nicknames (ឈ្មោះហៅក្រៅ, the name a person is called by) with their usual Latin
 * spelling. Police narratives write them beside the name ("Sok Dara, known as Pov"). Chosen so that
 * none is an English word the narratives also use.
 */
export const NICKNAMES: readonly Name[] = [
  ['ពៅ', 'Pov'],
  ['អូន', 'Oun'],
  ['ណាក់', 'Nak'],
  ['ធំ', 'Thom'],
  ['តូច', 'Toch'],
  ['ខ្មៅ', 'Khmao'],
  ['ស្រីពៅ', 'Srey Pov'],
  ['ល្អិត', 'Lit'],
  ['ប៉េង', 'Peng'],
  ['ហួរ', 'Huor'],
  ['វណ្ណី', 'Vanny'],
  ['ម៉ាប់', 'Mab'],
];
