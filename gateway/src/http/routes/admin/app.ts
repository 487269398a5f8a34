import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';

/** A router for admin routes, with request validation errors as RFC 9457 problems. */
export const adminRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** OpenAPI security requirement of every admin route. */
export const adminSecurity = [{ DPoP: [] }];
