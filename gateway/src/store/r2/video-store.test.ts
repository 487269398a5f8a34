import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { describeVideoRewrapConformance } from '../../../../test/store/conformance/video-key-versions.js';
import { describeVideoStoreConformance } from '../../../../test/store/conformance/videos.js';
import { r2VideoStore } from './video-store.js';

const bindings = () => env as unknown as { DB: D1Database; MEDIA: R2Bucket };

// The video store over D1 (the index) and R2 (the chunks), held to the backend-neutral contract.
describe('D1 + R2 video store', () => {
  const make = () => r2VideoStore(bindings().DB, bindings().MEDIA);
  describeVideoStoreConformance(make);
  describeVideoRewrapConformance(make);
});
