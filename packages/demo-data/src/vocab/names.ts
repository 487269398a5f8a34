/**
 * Common Khmer family and given names, each in Khmer script and its usual Latin spelling. Full names are
 * family name first ("Sok Dara" / "សុខ ដារ៉ា"). Combinations are drawn at random: any resemblance of a
 * generated person to a real one is chance.
 */
export type Name = readonly [km: string, latin: string];

export const FAMILY_NAMES: readonly Name[] = [
  ['សុខ', 'Sok'],
  ['ចាន់', 'Chan'],
  ['គីម', 'Kim'],
  ['ហេង', 'Heng'],
  ['ស្រី', 'Srey'],
  ['ម៉ៅ', 'Mao'],
  ['មាស', 'Meas'],
  ['ជា', 'Chea'],
  ['សេង', 'Seng'],
  ['លី', 'Ly'],
  ['ផាន់', 'Phan'],
  ['ពេជ្រ', 'Pich'],
  ['ញឹម', 'Nhem'],
  ['កែវ', 'Keo'],
  ['ឆាយ', 'Chhay'],
  ['ហ៊ុន', 'Hun'],
  ['អ៊ុក', 'Ouk'],
  ['ស', 'Sar'],
  ['ទេព', 'Tep'],
  ['វ៉ាន់', 'Vann'],
  ['ឡុង', 'Long'],
  ['លឹម', 'Lim'],
  ['ប្រាក់', 'Prak'],
  ['ទូច', 'Touch'],
  ['ខៀវ', 'Khieu'],
  ['នួន', 'Nuon'],
  ['យឹម', 'Yim'],
  ['ព្រំ', 'Prum'],
  ['សំ', 'Sam'],
  ['ឈឹម', 'Chhim'],
  ['នូវ', 'Nov'],
  ['រស់', 'Ros'],
  ['អ៊ុន', 'Un'],
  ['ស៊ុន', 'Sun'],
];

export const MALE_GIVEN_NAMES: readonly Name[] = [
  ['ដារ៉ា', 'Dara'],
  ['វុទ្ធី', 'Vuthy'],
  ['ប៊ុនធឿន', 'Bunthoeun'],
  ['រិទ្ធី', 'Rithy'],
  ['ពិសិដ្ឋ', 'Piseth'],
  ['សុវណ្ណ', 'Sovann'],
  ['វណ្ណៈ', 'Vannak'],
  ['សំណាង', 'Samnang'],
  ['កុសល', 'Kosal'],
  ['វិសាល', 'Visal'],
  ['រតនៈ', 'Ratanak'],
  ['សម្បត្តិ', 'Sambath'],
  ['វិបុល', 'Vibol'],
  ['មករា', 'Makara'],
  ['សុផល', 'Sophal'],
  ['ច័ន្ទតារា', 'Chantara'],
  ['បូរ៉ា', 'Bora'],
  ['ភារ៉ា', 'Pheara'],
  ['សារ៉ុន', 'Saron'],
  ['ធារ៉ា', 'Theara'],
];

export const FEMALE_GIVEN_NAMES: readonly Name[] = [
  ['ស្រីមុំ', 'Sreymom'],
  ['សុភា', 'Sophea'],
  ['ចាន់ណារី', 'Channary'],
  ['បុប្ផា', 'Bopha'],
  ['សុគន្ធា', 'Sokunthea'],
  ['ស្រីនាង', 'Sreyneang'],
  ['ចិន្តា', 'Chenda'],
  ['កញ្ញា', 'Kanha'],
  ['លក្ខិណា', 'Leakhena'],
  ['ផល្លា', 'Phalla'],
  ['រចនា', 'Rachana'],
  ['ធីតា', 'Thida'],
  ['វណ្ណា', 'Vanna'],
  ['សុភាព', 'Sopheap'],
  ['ស្រីពៅ', 'Sreypov'],
  ['ដាវី', 'Davy'],
  ['ណារី', 'Nary'],
  ['ពិសី', 'Pisey'],
  ['មុន្នី', 'Monny'],
  ['សុខលី', 'Sokly'],
];

/** Given names used for both sexes. */
export const UNISEX_GIVEN_NAMES: readonly Name[] = [
  ['សុខា', 'Sokha'],
  ['សុធា', 'Sothea'],
  ['សុភ័ក្ត្រ', 'Sopheak'],
  ['ចន្ថា', 'Chantha'],
  ['សុធី', 'Sothy'],
  ['វិចិត្រ', 'Vichet'],
];
