/**
 * TensorFlow.js's WebAssembly kernels, SIMD build, as shipped in `@tensorflow/tfjs-backend-wasm`
 * (415 KB): bundled into the Worker as a compiled `WebAssembly.Module` (wrangler's `CompiledWasm`
 * rule for `*.wasm`), because workerd refuses to compile WebAssembly from bytes at run time.
 * Its version must be the TensorFlow.js version face-api bundles (4.22.0): the backend that calls
 * these kernels is the one inside that bundle.
 */
import module from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';

/** The compiled kernels, for `ModelFiles.wasm`. */
export const TFJS_WASM_SIMD: WebAssembly.Module = module;
