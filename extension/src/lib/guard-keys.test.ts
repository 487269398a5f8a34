import { describe, expect, it } from 'vitest';
import { blockedShortcut } from './guard-keys.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('copy guard shortcuts', () => {
  it('blocks copy, cut, select-all, print, save, new window and view source with Ctrl or Cmd', () => {
    expect(blockedShortcut(key('c', { ctrlKey: true }))).toBe('copy');
    expect(blockedShortcut(key('C', { metaKey: true }))).toBe('copy');
    expect(blockedShortcut(key('x', { ctrlKey: true }))).toBe('cut');
    expect(blockedShortcut(key('a', { ctrlKey: true }))).toBe('select_all');
    expect(blockedShortcut(key('p', { metaKey: true }))).toBe('print');
    expect(blockedShortcut(key('s', { ctrlKey: true }))).toBe('save');
    expect(blockedShortcut(key('n', { ctrlKey: true }))).toBe('new_window');
    expect(blockedShortcut(key('u', { ctrlKey: true }))).toBe('view_source');
  });

  it('blocks developer tools shortcuts', () => {
    expect(blockedShortcut(key('F12'))).toBe('devtools');
    expect(blockedShortcut(key('I', { ctrlKey: true, shiftKey: true }))).toBe('devtools');
    expect(blockedShortcut(key('j', { metaKey: true, altKey: true }))).toBe('devtools');
  });

  it('lets ordinary typing through', () => {
    for (const k of ['a', 'c', '1', 'Enter', 'Backspace', 'ArrowDown', 'ក']) expect(blockedShortcut(key(k))).toBeNull();
    expect(blockedShortcut(key('z', { ctrlKey: true }))).toBeNull();
  });
});
