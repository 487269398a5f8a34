import { useEffect, type MutableRefObject } from 'react';
import { ask } from '../lib/ask.js';
import type { BlockedAction, HeldPayload, OpenedView } from '../lib/messages.js';
import { returnPlan, SAME_VIEW_RETURN_MS } from '../lib/view-return.js';

/** What the viewer shows: the held delivery and its opened view. */
interface ShownView {
  readonly held: HeldPayload;
  readonly view: OpenedView;
}

/** What the hook needs of the viewer: its grant, what is shown now, and how to hide or drop it. */
export interface SameViewReturnProps<S extends ShownView> {
  readonly under: { readonly grant: string; readonly purpose: string };
  readonly shownNow: MutableRefObject<S | null>;
  /** When the window left the front (device clock, ms); null while it is in front. */
  readonly hiddenAt: MutableRefObject<number | null>;
  readonly blocked: (action: BlockedAction) => void;
  readonly setShown: (shown: S | null) => void;
  readonly setHidden: (hidden: boolean) => void;
}

/**
 * The viewer's window leaving and regaining the front. Content is hidden at once while the window
 * is not in front (the record stays mounted, hidden, so revealed photos stay revealed); a return
 * within SAME_VIEW_RETURN_MS is the same view when the gateway agrees, else a new view.
 */
export function useSameViewReturn<S extends ShownView>({ under, shownNow, hiddenAt, blocked, setShown, setHidden }: SameViewReturnProps<S>): void {
  // Losing focus or visibility hides the record at once, and the gateway notes when. A return within
  // SAME_VIEW_RETURN_MS asks the gateway whether it is the same view (logged with its hidden
  // interval, nothing fetched again); refused, or later, the record is opened again as a new view.
  // Past that time the plaintext leaves the page.
  useEffect(() => {
    let dropTimer: ReturnType<typeof setTimeout> | undefined;
    // The hide report in flight: a return is sent only after it (the gateway must know of the hide first).
    let hideReported: Promise<unknown> = Promise.resolve();
    const hide = () => {
      // Blur and visibilitychange both fire for one switch: the first one counts.
      if (hiddenAt.current !== null) return;
      hiddenAt.current = Date.now();
      setHidden(true);
      blocked('focus_lost');
      const s = shownNow.current;
      if (s !== null) hideReported = ask({ type: 'hidden', ...under, view_id: s.view.view_id });
      dropTimer = setTimeout(() => setShown(null), SAME_VIEW_RETURN_MS);
    };
    const show = () => {
      if (document.visibilityState !== 'visible' || hiddenAt.current === null) return;
      clearTimeout(dropTimer);
      const s = shownNow.current;
      const plan = returnPlan({ held: s !== null, hiddenAt: hiddenAt.current }, Date.now());
      hiddenAt.current = null;
      if (plan !== 'ask_same_view' || s === null) {
        setShown(null);
        setHidden(false);
        return;
      }
      void hideReported
        .then(() => ask({ type: 'return', ...under, view_id: s.view.view_id, disclosure_id: s.held.disclosure_id }))
        .then((r) => {
          // Not the same view by the gateway's rule: open the record again (a new logged view).
          if (!r.ok && shownNow.current === s) setShown(null);
          // Hidden again meanwhile: stay hidden.
          if (hiddenAt.current === null) setHidden(false);
        });
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? hide() : show());
    window.addEventListener('blur', hide);
    window.addEventListener('focus', show);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(dropTimer);
      window.removeEventListener('blur', hide);
      window.removeEventListener('focus', show);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [under, shownNow, hiddenAt, blocked, setShown, setHidden]);
}
