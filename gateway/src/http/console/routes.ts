import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { Problem } from '../../platform/errors/problem.js';
import { CONSOLE_SCRIPT, CONSOLE_STYLE, CONSOLE_VERSION } from './generated/assets.js';
import { consolePage } from './page.js';

/** Assets are named by content hash, so a browser may keep them as long as it likes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `/console`: the privacy officer's console, a static page whose script signs the officer in with
 * their own key and then calls the admin API like any other client. The page holds no data and sets
 * no cookie; the headers (strict CSP and friends) are applied in app.ts by `consoleHeaders`.
 */
export const consoleRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.html(consolePage(CONSOLE_VERSION), 200, { 'cache-control': 'no-store' }))
  .get('/assets/:file', (c) => {
    const file = c.req.param('file');
    if (file === `app-${CONSOLE_VERSION}.js`)
      return c.body(CONSOLE_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': IMMUTABLE });
    if (file === `style-${CONSOLE_VERSION}.css`) return c.body(CONSOLE_STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': IMMUTABLE });
    throw new Problem(404, 'not_found');
  });
