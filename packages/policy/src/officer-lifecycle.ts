/**
 * An officer's standing, as pure decisions. Only privacy officers change it, and anything that lets
 * a key act waits for a second one (`two-person-rule.ts`); the officer's own viewer never does.
 *
 * ```
 *  register ──approve (code to the approver)──► active ──suspend──► suspended
 *                                                ▲                      │
 *                                                └──approve re-activation┘
 *  new device: old keys and codes void at once; the code comes with the approval; status unchanged
 *  enrol (with a code): registers keys; status unchanged
 * ```
 */

export type OfficerStatus = 'active' | 'suspended';

/** What happens to an officer. */
export type OfficerEvent =
  /** A second privacy officer approved the registration (the code is made now). */
  | 'registration_approved'
  /** A privacy officer asked for a new device: old keys and codes stop at once. */
  | 'new_device_requested'
  /** A second privacy officer approved the new device (the code is made now). */
  | 'new_device_approved'
  /** The officer's viewer enrolled with a code. */
  | 'enrolled'
  /** A privacy officer suspended the officer (narrowing: at once). */
  | 'suspended'
  /** A second privacy officer approved re-activation. */
  | 'reactivation_approved';

/**
 * The officer's status after `event`. Enrolment and a new device leave it as it is: a suspended
 * officer who enrols stays suspended (suspension is final until approved otherwise).
 */
export function officerStatusAfter(current: OfficerStatus, event: OfficerEvent): OfficerStatus {
  switch (event) {
    case 'registration_approved':
    case 'reactivation_approved':
      return 'active';
    case 'suspended':
      return 'suspended';
    case 'new_device_requested':
    case 'new_device_approved':
    case 'enrolled':
      return current;
  }
}

/** Whether `event` voids the officer's open enrolment codes (so that no code outlives a suspension or a replaced device). */
export function voidsOpenCodes(event: OfficerEvent): boolean {
  return event === 'suspended' || event === 'new_device_requested';
}

/** The registry requests whose approval hands an officer an enrolment code: the registration and a new device. */
export const CODE_REQUESTS = ['officer.create', 'officer.rekey'] as const;

/**
 * Whether a new device's code may be asked for while requests of `openKinds` wait for the officer:
 * one open request hands out the code, so that no officer ever has two codes on the way.
 */
export function mayAskForNewCode(openKinds: readonly string[]): boolean {
  return !openKinds.some((kind) => (CODE_REQUESTS as readonly string[]).includes(kind));
}
