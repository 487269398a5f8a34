/**
 * Module hooks that let Node import the gateway's media code as the Worker bundle does (wrangler's
 * default rules): a `*.bin` file as its bytes (an ArrayBuffer, the `Data` rule) and a `*.wasm` file
 * as a compiled `WebAssembly.Module` (the `CompiledWasm` rule). Registered with `module.register` by
 * benchmarks that measure the Worker's own code in Node (`media-memory.bench.ts`).
 */
import { fileURLToPath } from 'node:url';

/** Loads `.bin` and `.wasm` files as the Worker bundle does; everything else as before. */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && (url.endsWith('.bin') || url.endsWith('.wasm'))) {
    const path = JSON.stringify(fileURLToPath(url));
    const bytes = `const b = readFileSync(${path}); const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);`;
    const value = url.endsWith('.wasm') ? 'new WebAssembly.Module(bytes)' : 'bytes';
    return { format: 'module', shortCircuit: true, source: `import { readFileSync } from 'node:fs'; ${bytes} export default ${value};` };
  }
  return nextLoad(url, context);
}
