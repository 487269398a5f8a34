import type { GatewayEnv } from '../platform/env.js';
import type { VerifiedAccess } from './middleware/access-token.js';

/** Typed Hono context: bindings, the request's clock reading, and the verified access (if any). */
export interface AppEnv {
  Bindings: GatewayEnv;
  Variables: {
    /** Unix seconds at which this request is judged (one reading per request). */
    now: number;
    /** Set by the access-token middleware on protected routes. */
    access: VerifiedAccess;
    /** Hash binding a disclosure to its request (method, target, body, DPoP proof jti). */
    requestHash: string;
  };
}
