import { describe, expect, it } from 'vitest';
import { NEW_CLIENT, planClientChange } from './registry-changes.js';

const suspended = { id: 'p', status: 'suspended' as const };
const active = { id: 'p', status: 'active' as const };

describe('registry changes', () => {
  it('a new client of any kind starts suspended, its activation waiting for a second officer', () => {
    expect(NEW_CLIENT).toEqual({ status: 'suspended', request: 'client.activate' });
  });

  it('re-activation and new keys wait; nothing of them applies at once', () => {
    expect(planClientChange(suspended, { status: 'active', newKeys: true }, 'po-a')).toEqual({
      kind: 'plan',
      immediate: {},
      requests: ['client.rekey', 'client.activate'],
    });
  });

  it('renaming and suspending apply at once', () => {
    expect(planClientChange(active, { name: 'New name', status: 'suspended', newKeys: false }, 'po-a')).toEqual({
      kind: 'plan',
      immediate: { name: 'New name', status: 'suspended' },
      requests: [],
    });
  });

  it('re-activating an active client asks for nothing', () => {
    expect(planClientChange(active, { status: 'active', newKeys: false }, 'po-a')).toEqual({ kind: 'plan', immediate: {}, requests: [] });
  });

  it('an officer cannot suspend themself', () => {
    expect(planClientChange({ id: 'po-a', status: 'active' }, { status: 'suspended', newKeys: false }, 'po-a')).toMatchObject({
      kind: 'refuse',
      code: 'invalid_transition',
    });
  });
});
