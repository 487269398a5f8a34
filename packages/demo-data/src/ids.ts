const pad8 = (index: number) => String(index + 1).padStart(8, '0');

/** Id of the `index`-th (0-based) generated person: `person-00000001`, … Ids are the same for every seed. */
export function personId(index: number): string {
  return `person-${pad8(index)}`;
}

/** Id of the `index`-th generated case: `case-00000001`, … */
export function caseId(index: number): string {
  return `case-${pad8(index)}`;
}

/** Id of the `index`-th generated health case: `health-00000001`, … */
export function healthCaseId(index: number): string {
  return `health-${pad8(index)}`;
}

/** Id of the `index`-th generated discipline record: `discipline-00000001`, … */
export function disciplineId(index: number): string {
  return `discipline-${pad8(index)}`;
}
