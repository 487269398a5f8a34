import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { DOCS_SCRIPT } from './docs-script.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>need2know API</title>
<link rel="stylesheet" href="/docs/docs.css">
</head>
<body>
<header><h1>need2know API</h1><p>Generated from <a href="/openapi.json">/openapi.json</a>, the same schemas that validate requests.</p>
<label>Filter <input id="filter" type="search" placeholder="path, tag or summary"></label></header>
<main id="api" aria-live="polite">Loading…</main>
<script src="/docs/docs.js"></script>
</body>
</html>`;

const CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
header{padding:1rem 2rem;background:#10324a;color:#fff}header a{color:#cfe6ff}
main{padding:1rem 2rem;max-width:70rem}section{margin:1.5rem 0}h2{border-bottom:1px solid #ccc}
details{background:#fff;border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.5rem .75rem}
summary{cursor:pointer}code.m{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#0b6e2f}.post{color:#8a4b00}.put,.patch{color:#5b2b8a}.delete{color:#a00}
pre{background:#f3f3f3;padding:.5rem;overflow:auto;max-height:24rem}input{font:inherit;padding:.25rem;margin-left:.5rem}`;

/** `/docs`: interactive API reference rendered in the browser from `/openapi.json`, no external assets. */
export const docsRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    return c.html(PAGE);
  })
  .get('/docs.js', (c) => c.body(DOCS_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }))
  .get('/docs.css', (c) => c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }));
