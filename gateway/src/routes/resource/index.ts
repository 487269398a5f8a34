import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';
import { ingestRoutes } from './ingest.js';
import { sessionRoutes } from './session.js';

/** `/v1/*` resource routes for partners and data owners. */
export const resourceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).route('/', sessionRoutes).route('/', ingestRoutes);
