import { describe, expect, it } from 'vitest';
import { SAME_VIEW_RETURN_SECONDS } from '../../../packages/policy/src/constants.js';
import { translator } from './i18n/lang.js';
import { blockedNotice, isCopyable, returnPlan, SAME_VIEW_RETURN_MS } from './view-return.js';

describe('returning to the viewer', () => {
  it('keeps the record as long as the gateway counts a return as the same view', () => {
    expect(SAME_VIEW_RETURN_MS).toBe(SAME_VIEW_RETURN_SECONDS * 1000);
  });

  it('asks for the same view within the time, opens a new view after it', () => {
    expect(returnPlan({ held: true, hiddenAt: 1000 }, 1000 + SAME_VIEW_RETURN_MS)).toBe('ask_same_view');
    expect(returnPlan({ held: true, hiddenAt: 1000 }, 1001 + SAME_VIEW_RETURN_MS)).toBe('open_new_view');
    expect(returnPlan({ held: true, hiddenAt: null }, 1000)).toBe('open_new_view');
    expect(returnPlan({ held: false, hiddenAt: 1000 }, 1001)).toBe('nothing_held');
  });
});

describe('copying', () => {
  const allows = { actions: ['search'], disclosure: { health_case: { phone: 'clear', name_latin: 'clear' } }, copyable: { health_case: ['phone'] } };

  it('lets only the fields the purpose marks be copied', () => {
    expect(isCopyable(allows, 'health_case', 'phone')).toBe(true);
    expect(isCopyable(allows, 'health_case', 'name_latin')).toBe(false);
    expect(isCopyable(allows, 'health_case', 'phone', 'contacts')).toBe(false);
    expect(isCopyable(allows, 'person', 'phone')).toBe(false);
    expect(isCopyable({ actions: [], disclosure: {} }, 'health_case', 'phone')).toBe(false);
    expect(isCopyable(null, 'health_case', 'phone')).toBe(false);
  });

  it('says on the spot that a blocked copy is blocked, in both languages', () => {
    expect(translator('en')(blockedNotice('copy', false) ?? 'none')).toBe('Copying is blocked for this record.');
    expect(translator('en')(blockedNotice('context_menu', true) ?? 'none')).toContain('Only a field with a Copy button may be copied');
    expect(translator('km')(blockedNotice('cut', false) ?? 'none')).toBe('ការចម្លងត្រូវបានហាមឃាត់សម្រាប់កំណត់ត្រានេះ។');
    expect(blockedNotice('print', false)).toBe('blocked.print');
    expect(blockedNotice('focus_lost', true)).toBeNull();
  });
});
