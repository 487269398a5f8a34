/**
 * Cambodia's 25 provinces (including the capital, Phnom Penh) with their official two-digit codes and
 * names in Khmer script and Latin letters. These are real; everything below province level is synthetic.
 *
 * `districts` is close to the real number of districts, khans and towns, and `population` (thousands,
 * rounded, 2019 General Population Census) is used only to weight where synthetic people live.
 */
export const PROVINCES = [
  { code: '01', nameKm: 'បន្ទាយមានជ័យ', nameLatin: 'Banteay Meanchey', districts: 9, population: 862 },
  { code: '02', nameKm: 'បាត់ដំបង', nameLatin: 'Battambang', districts: 14, population: 997 },
  { code: '03', nameKm: 'កំពង់ចាម', nameLatin: 'Kampong Cham', districts: 10, population: 900 },
  { code: '04', nameKm: 'កំពង់ឆ្នាំង', nameLatin: 'Kampong Chhnang', districts: 8, population: 527 },
  { code: '05', nameKm: 'កំពង់ស្ពឺ', nameLatin: 'Kampong Speu', districts: 8, population: 878 },
  { code: '06', nameKm: 'កំពង់ធំ', nameLatin: 'Kampong Thom', districts: 9, population: 677 },
  { code: '07', nameKm: 'កំពត', nameLatin: 'Kampot', districts: 8, population: 593 },
  { code: '08', nameKm: 'កណ្ដាល', nameLatin: 'Kandal', districts: 11, population: 1202 },
  { code: '09', nameKm: 'កោះកុង', nameLatin: 'Koh Kong', districts: 7, population: 124 },
  { code: '10', nameKm: 'ក្រចេះ', nameLatin: 'Kratie', districts: 6, population: 373 },
  { code: '11', nameKm: 'មណ្ឌលគិរី', nameLatin: 'Mondulkiri', districts: 5, population: 89 },
  { code: '12', nameKm: 'ភ្នំពេញ', nameLatin: 'Phnom Penh', districts: 14, population: 2282 },
  { code: '13', nameKm: 'ព្រះវិហារ', nameLatin: 'Preah Vihear', districts: 8, population: 255 },
  { code: '14', nameKm: 'ព្រៃវែង', nameLatin: 'Prey Veng', districts: 13, population: 1057 },
  { code: '15', nameKm: 'ពោធិ៍សាត់', nameLatin: 'Pursat', districts: 7, population: 412 },
  { code: '16', nameKm: 'រតនគិរី', nameLatin: 'Ratanakiri', districts: 9, population: 204 },
  { code: '17', nameKm: 'សៀមរាប', nameLatin: 'Siem Reap', districts: 12, population: 1014 },
  { code: '18', nameKm: 'ព្រះសីហនុ', nameLatin: 'Preah Sihanouk', districts: 5, population: 310 },
  { code: '19', nameKm: 'ស្ទឹងត្រែង', nameLatin: 'Stung Treng', districts: 6, population: 166 },
  { code: '20', nameKm: 'ស្វាយរៀង', nameLatin: 'Svay Rieng', districts: 8, population: 525 },
  { code: '21', nameKm: 'តាកែវ', nameLatin: 'Takeo', districts: 10, population: 901 },
  { code: '22', nameKm: 'ឧត្ដរមានជ័យ', nameLatin: 'Oddar Meanchey', districts: 5, population: 276 },
  { code: '23', nameKm: 'កែប', nameLatin: 'Kep', districts: 2, population: 42 },
  { code: '24', nameKm: 'ប៉ៃលិន', nameLatin: 'Pailin', districts: 2, population: 72 },
  { code: '25', nameKm: 'ត្បូងឃ្មុំ', nameLatin: 'Tbong Khmum', districts: 7, population: 777 },
] as const;

/** Code of the capital, whose districts are khans and whose communes are sangkats. */
export const CAPITAL_CODE = '12';
