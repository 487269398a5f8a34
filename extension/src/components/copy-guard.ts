import { blockedShortcut } from '../lib/guard-keys.js';
import type { BlockedAction } from '../lib/messages.js';

/**
 * Blocks the ways a page's content leaves it by ordinary means — copy, cut, paste-out, drag,
 * select-all, the context menu, printing, saving, opening in a new window — and counts every
 * attempt. Screenshots and cameras are not stoppable from a page: the watermark answers those.
 * Form fields keep working (officers type search terms).
 */
export function installCopyGuard(onBlocked: (action: BlockedAction) => void): () => void {
  const isFormField = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
  const block = (action: BlockedAction) => (e: Event) => {
    if ((action === 'paste' || action === 'select_all') && isFormField(e.target)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    onBlocked(action);
  };
  const listeners: [string, EventListener, EventTarget][] = [
    ['copy', block('copy'), document],
    ['cut', block('cut'), document],
    ['dragstart', block('drag'), document],
    ['drop', block('drag'), document],
    ['contextmenu', block('context_menu'), document],
    ['selectstart', (e: Event) => (isFormField(e.target) ? undefined : e.preventDefault()), document],
    ['beforeprint', () => onBlocked('print'), window],
    ['auxclick', block('new_window'), document],
    [
      'keydown',
      ((e: KeyboardEvent) => {
        const action = blockedShortcut(e);
        if (action === null) return;
        if ((action === 'copy' || action === 'cut' || action === 'select_all') && isFormField(e.target)) {
          // Inside a search field these act on what the officer typed, never on the record.
          if (action === 'select_all') return;
        }
        e.preventDefault();
        e.stopImmediatePropagation();
        onBlocked(action);
      }) as EventListener,
      window,
    ],
  ];
  for (const [type, fn, target] of listeners) target.addEventListener(type, fn, { capture: true });
  // window.print() from any script in the page is refused too.
  const print = window.print;
  window.print = () => onBlocked('print');
  // Links never open elsewhere.
  const open = window.open;
  window.open = () => {
    onBlocked('new_window');
    return null;
  };
  return () => {
    for (const [type, fn, target] of listeners) target.removeEventListener(type, fn, { capture: true });
    window.print = print;
    window.open = open;
  };
}
