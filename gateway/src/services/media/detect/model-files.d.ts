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
