/**
 * `npm run build:console`: bundles the privacy officer's console into the module the gateway serves
 * (see scripts/lib/console-build.ts). Run automatically before the gateway starts or is tested.
 */
import { buildConsole } from './lib/console-build.js';

const started = performance.now();
const { version, script, style, written } = await buildConsole();
const kib = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(0);
console.log(
  `console ${version}: script ${kib(script)} KiB, style ${kib(style)} KiB${written ? '' : ' (unchanged)'} in ${(performance.now() - started).toFixed(0)} ms`,
);
