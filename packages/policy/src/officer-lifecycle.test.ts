import { describe, expect, it } from 'vitest';
import { mayAskForNewCode, officerStatusAfter, voidsOpenCodes, type OfficerEvent, type OfficerStatus } from './officer-lifecycle.js';

const EVENTS: OfficerEvent[] = ['registration_approved', 'new_device_requested', 'new_device_approved', 'enrolled', 'suspended', 'reactivation_approved'];

describe('officer lifecycle', () => {
  it('enrolment never changes the status, whatever it is', () => {
    for (const s of ['active', 'suspended'] as OfficerStatus[]) expect(officerStatusAfter(s, 'enrolled')).toBe(s);
  });

  it('a new device keeps a suspended officer suspended', () => {
    expect(officerStatusAfter('suspended', 'new_device_requested')).toBe('suspended');
    expect(officerStatusAfter('suspended', 'new_device_approved')).toBe('suspended');
  });

  it('only approvals by a second officer make an officer active', () => {
    const activating = EVENTS.filter((e) => officerStatusAfter('suspended', e) === 'active');
    expect(activating.sort()).toEqual(['reactivation_approved', 'registration_approved']);
  });

  it('suspension and a replaced device void open codes; nothing else does', () => {
    expect(EVENTS.filter(voidsOpenCodes).sort()).toEqual(['new_device_requested', 'suspended']);
  });
});

describe('asking for a new device code', () => {
  it('waits while a registration or another new device is open: one request hands out the code', () => {
    expect(mayAskForNewCode([])).toBe(true);
    expect(mayAskForNewCode(['client.activate'])).toBe(true);
    expect(mayAskForNewCode(['officer.create'])).toBe(false);
    expect(mayAskForNewCode(['client.activate', 'officer.rekey'])).toBe(false);
  });
});
