import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';
import { viewerEventRoutes } from './events.js';
import { officerGrantRoutes } from './officer-grants.js';
import { viewRoutes } from './views.js';

/** `/v1/*` routes of the officer's viewer: grants and windows, views, blocked actions, reveals. */
export const viewerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', officerGrantRoutes)
  .route('/', viewRoutes)
  .route('/', viewerEventRoutes);
