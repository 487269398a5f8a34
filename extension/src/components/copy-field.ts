import { useCallback, useEffect, type MutableRefObject } from 'react';
import { ask } from '../lib/ask.js';
import type { MessageKey } from '../lib/i18n/en.js';
import type { OpenedView } from '../lib/messages.js';

/** How long a notice (a blocked action, a copy) stays on screen (ms): long enough to read a line. */
export const NOTICE_MS = 5000;

/** Clears the notice `NOTICE_MS` after it appeared. */
export function useNoticeTimeout(notice: MessageKey | null, setNotice: (key: MessageKey | null) => void): void {
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, setNotice]);
}

/**
 * Copying a field the purpose lets be copied: the gateway logs the copy first (refused: "Copying is
 * blocked for this record"), then the value, carrying this view's trace mark, goes to the clipboard.
 */
export function useCopyField(
  under: { readonly grant: string; readonly purpose: string },
  shownNow: MutableRefObject<{ readonly view: OpenedView } | null>,
  setNotice: (key: MessageKey) => void,
) {
  return useCallback(
    async (field: string, text: string) => {
      const s = shownNow.current;
      if (s === null) return;
      const r = await ask({ type: 'copy', ...under, view_id: s.view.view_id, field });
      if (!r.ok) return setNotice('copyRefused');
      try {
        await navigator.clipboard.writeText(text);
        setNotice('copied');
      } catch {
        setNotice('copyFailed');
      }
    },
    [under, shownNow, setNotice],
  );
}
