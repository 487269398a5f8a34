/** The gateway this build of the viewer talks to (set at build time; its origin is the only host the extension may reach). */
export const GATEWAY_URL = (process.env.PLASMO_PUBLIC_GATEWAY_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

/** The time zone dates are shown in. */
export const TIME_ZONE = 'Asia/Phnom_Penh';
