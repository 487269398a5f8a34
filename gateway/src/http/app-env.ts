import type { GatewayEnv } from '../platform/env.js';
import type { Access } from '../services/access/access.js';
import type { Stores } from '../services/stores.js';

/**
 * Typed Hono context: bindings, the request's clock reading, and the verified access (if any).
 * Routes behind `requireAccessToken(kind)` see `access` narrowed to their token kind (`AccessEnv`).
 */
export interface AppEnv {
  Bindings: GatewayEnv;
  Variables: {
    /** Unix seconds at which this request is judged (one reading per request). */
    now: number;
    /** The storage ports, built once per request from the bindings. */
    stores: Stores;
    /** Set by the access-token middleware on protected routes. */
    access: Access;
    /** Hash binding a disclosure to its request (method, target, body, DPoP proof jti). */
    requestHash: string;
  };
}
