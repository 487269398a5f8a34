/**
 * Import-boundary rules for the layers in docs/LAYERS.md, checked by `npm run -s deps:check`
 * (dependency-cruiser). The rules describe the target layout: `packages/policy` (pure decisions) and
 * `gateway/src/{http,services,store,platform}`, whose arrows only point down.
 *
 * Every rule is an error: `deps:check` exits 1 on any violation, and `npm test` runs it (`npm run check`).
 */

/** 'error' makes `deps:check` fail; 'warn' would only report. */
const LAYER_SEVERITY = 'error';

/** Hono and its OpenAPI wrapper: only the HTTP layer speaks HTTP. */
const HONO = '(^|/)node_modules/(hono|@hono/[^/]+)/|^(hono|@hono/[^/]+)(/|$)';
/** The Workers runtime: D1, Durable Objects, the `cloudflare:` modules and their type packages. */
const WORKERS_RUNTIME = ['^cloudflare:', '(^|/)node_modules/(@cloudflare/[^/]+|wrangler|miniflare)/'];

module.exports = {
  forbidden: [
    {
      name: 'policy-is-pure',
      comment:
        'Policy decides and nothing else: it imports nothing of the gateway (no http, services, store, platform or env) and no hono, D1 or Durable Object module. ' +
        'Today this also reads gateway/src/policy/, which moves to packages/policy.',
      severity: LAYER_SEVERITY,
      from: { path: '^(packages/policy|gateway/src/policy)/' },
      to: { path: ['^gateway/', HONO, ...WORKERS_RUNTIME], pathNot: '^gateway/src/policy/' },
    },
    {
      name: 'below-policy-is-pure',
      comment:
        'What the policy calls but that decides nothing — how a chosen disclosure mode rewrites a value (packages/deidentify) and civil time in a zone ' +
        '(packages/zoned-time) — is pure like the policy: nothing of the gateway, no hono, D1 or Durable Object module. It sits below the policy and never imports it.',
      severity: LAYER_SEVERITY,
      from: { path: '^packages/(deidentify|zoned-time)/' },
      to: { path: ['^gateway/', '^packages/policy/', HONO, ...WORKERS_RUNTIME] },
    },
    {
      name: 'packages-not-gateway',
      comment: 'The packages are libraries the gateway uses; none of them imports the gateway.',
      severity: LAYER_SEVERITY,
      from: { path: '^packages/' },
      to: { path: '^gateway/' },
    },
    {
      name: 'hono-only-in-http',
      comment: 'gateway/src/http/ is the only importer of hono: services, store and platform know nothing of HTTP.',
      severity: LAYER_SEVERITY,
      from: { path: '^gateway/src/', pathNot: '^gateway/src/http/' },
      to: { path: HONO },
    },
    {
      name: 'http-not-store',
      comment: 'A handler validates, calls one service and maps its result; it never reaches storage itself.',
      severity: LAYER_SEVERITY,
      from: { path: '^gateway/src/http/' },
      to: { path: '^gateway/src/store/' },
    },
    {
      name: 'services-point-down',
      comment: 'Services are called by http/ and call store/ and platform/, never the reverse.',
      severity: LAYER_SEVERITY,
      from: { path: '^gateway/src/services/' },
      to: { path: '^gateway/src/http/' },
    },
    {
      name: 'store-points-down',
      comment: 'Storage knows neither requests nor services.',
      severity: LAYER_SEVERITY,
      from: { path: '^gateway/src/store/' },
      to: { path: '^gateway/src/(http|services)/' },
    },
    {
      name: 'platform-points-down',
      comment: 'env, keys and clock are the bottom layer.',
      severity: LAYER_SEVERITY,
      from: { path: '^gateway/src/platform/' },
      to: { path: '^gateway/src/(http|services|store)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^gateway/src/http/console/generated/' },
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    // The root tsconfig only carries compiler options here (moduleResolution "Bundler", `.js` → `.ts`).
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve package subpaths (`hono/http-exception`) through their `exports` maps.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: false,
  },
};
