import { secureHeaders } from 'hono/secure-headers';

/** Paths served as the console (the page and its assets); everything else keeps the API's headers. */
export const isConsolePath = (path: string): boolean => path === '/console' || path.startsWith('/console/');

/**
 * Response headers of the privacy officer's console. The page may run only its own bundled script
 * and style (no inline code, no eval, no other origin), may talk only to this gateway, may not be
 * framed, sends no referrer, and may not pass strings to DOM sinks that parse HTML or script
 * (Trusted Types with no policy at all: the console builds the DOM node by node).
 */
export const consoleHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    connectSrc: ["'self'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
    requireTrustedTypesFor: ["'script'"],
    trustedTypes: ["'none'"],
  },
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [], clipboardRead: [] },
});
