/** Departments of the national police headquarters that discipline records name. */
export const NATIONAL_DEPARTMENTS: readonly string[] = [
  'Central Department of Judicial Police',
  'Anti-Drug Department',
  'Anti-Human Trafficking and Juvenile Protection Department',
  'Department of Traffic Police and Public Order',
  'Central Security Department',
  'Department of Personnel and Training',
  'Immigration Department',
];

/** Specialised provincial bureaux that take cases under criteria 2 and 3. */
export const PROVINCIAL_BUREAUX: Readonly<Partial<Record<number, string>>> = {
  2: 'Anti-Drug Bureau',
  3: 'Anti-Human Trafficking and Juvenile Protection Bureau',
  4: 'Serious Crime Bureau',
};
