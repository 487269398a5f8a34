/** Model weights shipped in the detector's package, bundled as bytes (wrangler's default `Data` rule for `*.bin`). */
declare module '*.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}

/** Sample photographs shipped in the detector's package, bundled as bytes for the quality tests (a `Data` rule in wrangler.toml). */
declare module '*.jpg' {
  const bytes: ArrayBuffer;
  export default bytes;
}

/** WebAssembly bundled as a compiled module (wrangler's default `CompiledWasm` rule for `*.wasm`): workerd compiles nothing at run time. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
