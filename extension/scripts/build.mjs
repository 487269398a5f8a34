#!/usr/bin/env node
/**
 * Builds the viewer for one gateway: `N2K_GATEWAY_URL=https://gateway.example node scripts/build.mjs [--out DIR]`
 * (default http://127.0.0.1:8787). Plasmo builds the pages and the service worker; then the manifest
 * is pinned to that gateway alone: its origin is the only host permission and the only place the
 * content security policy lets the extension connect to. No other permission is requested.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBuildLock } from './build-lock.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const gateway = new URL(process.env.N2K_GATEWAY_URL ?? 'http://127.0.0.1:8787');
if (gateway.protocol !== 'https:' && !['127.0.0.1', 'localhost'].includes(gateway.hostname)) {
  console.error('The gateway must be reached over https (plain http only on this machine).');
  process.exit(2);
}
const origin = gateway.origin;
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : null;

const plasmo = join(root, '..', 'node_modules', '.bin', 'plasmo');
// One build at a time in this checkout (build-lock.mjs): the output folders are shared.
const status = withBuildLock(join(root, 'build', '.lock'), () => {
  const built = spawnSync(plasmo, ['build', '--src-path=src', '--no-hoist'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLASMO_PUBLIC_GATEWAY_URL: origin, NODE_ENV: 'production' },
  });
  if (built.status !== 0) return built.status ?? 1;

  const dir = join(root, 'build', 'chrome-mv3-prod');
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.permissions = [];
  manifest.host_permissions = [`${origin}/*`];
  delete manifest.optional_permissions;
  delete manifest.content_scripts;
  delete manifest.web_accessible_resources;
  manifest.content_security_policy = {
    extension_pages: [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "font-src 'self'",
      "img-src 'self' data: blob:",
      `connect-src ${origin}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`viewer built for ${origin}: ${dir}`);
  if (out !== null) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(dirname(out), { recursive: true });
    cpSync(dir, out, { recursive: true });
    console.log(`copied to ${out}`);
  }
  return 0;
});
if (status !== 0) process.exit(status);
