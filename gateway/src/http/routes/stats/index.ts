import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';
import { partnerStatsRoutes } from './partner.js';
import { publicStatsRoutes } from './public.js';

/** `/v1/stats/*`: aggregate statistics, public and for agencies under a statistics grant. */
export const statsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).route('/', publicStatsRoutes).route('/', partnerStatsRoutes);
