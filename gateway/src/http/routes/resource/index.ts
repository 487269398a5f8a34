import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';
import { enrolRoutes } from '../enrol.js';
import { viewerRoutes } from '../viewer/index.js';
import { checkRoutes } from './checks.js';
import { ingestRoutes } from './ingest.js';
import { mediaIngestRoutes } from './media-ingest.js';
import { mediaRegionRoutes } from './media-regions.js';
import { mediaRoutes } from './media.js';
import { recordRoutes } from './records.js';
import { sessionRoutes } from './session.js';
import { videoIngestRoutes } from './video-ingest.js';
import { videoPlayRoutes } from './video-play.js';

/** `/v1/*` resource routes for partners and data owners. */
export const resourceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', sessionRoutes)
  .route('/', ingestRoutes)
  .route('/', recordRoutes)
  .route('/', mediaIngestRoutes)
  .route('/', videoIngestRoutes)
  .route('/', mediaRegionRoutes)
  .route('/', mediaRoutes)
  .route('/', videoPlayRoutes)
  .route('/', checkRoutes)
  .route('/', enrolRoutes)
  .route('/', viewerRoutes);
