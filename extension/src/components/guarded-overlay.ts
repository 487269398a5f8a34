/**
 * A full-viewport layer over the viewer that the page cannot lose: fixed (so scrolling and zoom
 * never move it off screen), above everything, letting clicks through. If a script or someone in
 * developer tools removes it or changes its style, it is put back at once and the tampering is
 * reported.
 */
export interface OverlayHandle {
  /** Replaces the layer's background images (CSS `url(...)` values, painted in order). */
  setLayers(layers: readonly { url: string; width: number; height: number }[]): void;
  dispose(): void;
}

const OVERLAY_ID = 'n2k-watermark';

export function guardedOverlay(onTamper: () => void): OverlayHandle {
  let layers: readonly { url: string; width: number; height: number }[] = [];
  let disposed = false;

  const style = () =>
    [
      'position:fixed',
      'inset:0',
      'pointer-events:none',
      'z-index:2147483647',
      'display:block',
      'visibility:visible',
      'opacity:1',
      `background-image:${layers.map((l) => `url("${l.url}")`).join(',') || 'none'}`,
      `background-size:${layers.map((l) => `${l.width}px ${l.height}px`).join(',') || 'auto'}`,
      'background-repeat:repeat',
      // Tiles are drawn at device-pixel size: no smoothing may blur the trace mark's cells.
      'image-rendering:pixelated',
      'print-color-adjust:exact',
    ].join(';');

  // Styles go through the CSSOM (allowed under the strict CSP, unlike style attributes); the
  // browser's own serialisation is what later checks compare against.
  let expected = '';
  const apply = (el: HTMLElement) => {
    el.style.cssText = style();
    expected = el.style.cssText;
  };
  const make = () => {
    const el = document.createElement('div');
    el.id = OVERLAY_ID;
    el.setAttribute('aria-hidden', 'true');
    el.setAttribute('data-n2k', 'watermark');
    apply(el);
    document.body.appendChild(el);
    return el;
  };
  let overlay = make();

  const observer = new MutationObserver(() => {
    if (disposed) return;
    const intact =
      overlay.isConnected &&
      overlay.style.cssText === expected &&
      overlay.parentElement === document.body &&
      overlay.id === OVERLAY_ID &&
      !overlay.hidden &&
      overlay.className === '';
    if (intact) return;
    overlay.remove();
    overlay = make();
    onTamper();
  });
  observer.observe(document.body, { childList: true, attributes: true, subtree: true, attributeFilter: ['style', 'class', 'hidden', 'id'] });

  return {
    setLayers(next) {
      layers = next;
      apply(overlay);
    },
    dispose() {
      disposed = true;
      observer.disconnect();
      overlay.remove();
    },
  };
}
