import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { describeAdminStoresConformance } from '../../../../test/store/conformance/index.js';
import { d1AdminStores } from './admin-stores.js';

// The D1 backend held to the backend-neutral contract of the administrative core's ports.
describe('D1 backend', () => {
  describeAdminStoresConformance(() => d1AdminStores((env as unknown as { DB: D1Database }).DB));
});
