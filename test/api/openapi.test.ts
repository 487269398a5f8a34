import { describe, expect, it } from 'vitest';
import { testGateway } from './harness.js';

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas, covering every public surface', async () => {
    const gateway = testGateway();
    const res = await gateway.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/oauth/token',
      '/oauth/introspect',
      '/oauth/revoke',
      '/.well-known/jwks.json',
      '/v1/records/{type}/{id}',
      '/v1/records/{type}/search',
      '/v1/checks/{check}',
      '/v1/views',
      '/v1/ingest/{type}',
      '/v1/admin/grants',
      '/v1/admin/purposes',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.securitySchemes.DPoP).toBeDefined();
    // The schema that validates purpose creation is the one documented.
    expect(doc.components.schemas.PurposeCreate).toMatchObject({ type: 'object' });
  });

  it('serves the interactive docs page with a strict content security policy and no external assets', async () => {
    const gateway = testGateway();
    const res = await gateway.request('/docs');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('/docs/docs.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await gateway.request('/docs/docs.js')).headers.get('content-type')).toContain('javascript');
  });
});
