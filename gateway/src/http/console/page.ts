/**
 * The console's HTML shell: no content of its own beyond a sign-in placeholder, one style sheet and
 * one module script, both named by the bundle's hash so that they can be cached for good.
 */
export function consolePage(version: string): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>need2know — privacy officer's console</title>
<link rel="stylesheet" href="/console/assets/style-${version}.css">
<script type="module" src="/console/assets/app-${version}.js"></script>
</head>
<body>
<div id="app" class="app"><p class="boot">Loading the console… / កំពុងបើក…</p></div>
<noscript><p>The console needs JavaScript. / ផ្ទាំងនេះត្រូវការ JavaScript។</p></noscript>
</body>
</html>
`;
}
