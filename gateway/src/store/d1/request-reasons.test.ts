import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { describeRequestReasonStoreConformance } from '../../../../test/store/conformance/request-reasons.js';
import { d1RequestReasonStore } from './request-reasons.js';

// The D1 backend of the stated reasons, held to the backend-neutral contract.
describe('D1 backend', () => {
  describeRequestReasonStoreConformance(() => d1RequestReasonStore((env as unknown as { DB: D1Database }).DB));
});
