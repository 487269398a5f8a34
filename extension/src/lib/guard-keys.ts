import type { BlockedAction } from './messages.js';

/** The parts of a keyboard event the copy guard reads. */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * The blocked action a key combination asks for, or null for keys the viewer lets through
 * (typing in the search form, moving around). Ctrl on Linux and Windows, Cmd on macOS.
 */
export function blockedShortcut(e: KeyLike): BlockedAction | null {
  if (e.key === 'F12') return 'devtools';
  if (e.key === 'PrintScreen') return 'print';
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return null;
  const k = e.key.toLowerCase();
  if (e.shiftKey && (k === 'i' || k === 'j' || k === 'c')) return 'devtools';
  if (e.altKey && (k === 'i' || k === 'j')) return 'devtools';
  switch (k) {
    case 'c':
    case 'insert':
      return 'copy';
    case 'x':
      return 'cut';
    case 'a':
      return 'select_all';
    case 'p':
      return 'print';
    case 's':
      return 'save';
    case 'n':
    case 't':
      return e.shiftKey && k === 't' ? null : 'new_window';
    case 'u':
      return 'view_source';
    default:
      return null;
  }
}
