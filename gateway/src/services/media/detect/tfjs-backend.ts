/**
 * The TensorFlow.js backend the face detector runs on, chosen once per isolate: the WebAssembly
 * kernels (SIMD build of `@tensorflow/tfjs-backend-wasm`, the same TensorFlow.js version face-api
 * bundles) when a compiled module is given and instantiates, else the pure-JavaScript CPU kernels.
 *
 * Both give the same boxes; the CPU kernels cost about 15 times the CPU time (tiny detector at 416:
 * ≈ 1.25 s against ≈ 85 ms in Node; see BENCHMARKS.md, "Face redaction"), so they are only the
 * stated fallback for a runtime that cannot instantiate the module.
 *
 * workerd refuses to compile WebAssembly from bytes at run time: the module comes in compiled (the
 * Worker bundle imports the `.wasm` file as a `WebAssembly.Module`) and is handed to the emscripten
 * factory through `instantiateWasm`, so the factory never fetches, reads or compiles anything.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import createWasmKernels from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js';

/** The backends the detector can run on. */
export type DetectorBackend = 'wasm' | 'cpu';

/** The emscripten module of the kernels, as TensorFlow.js's wasm backend expects it. */
interface KernelModule {
  cwrap(name: string, returns: string | null, args: string[]): unknown;
  tfjs?: Record<string, unknown>;
}

/** The parts of TensorFlow.js used here; the bundle exports them, its declarations list only what face-api uses. */
const engine = faceapi.tf as unknown as {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  removeBackend(name: string): void;
  registerBackend(name: string, factory: () => unknown, priority?: number): boolean;
  BackendWasm: new (module: KernelModule) => unknown;
};

let chosen: Promise<DetectorBackend> | null = null;

/**
 * Instantiates the kernels from the compiled `module`. `process` is hidden for the synchronous
 * start of the factory: under Node (or workerd's Node compatibility) emscripten would otherwise take
 * its Node path, require `fs` and install process-wide exception handlers that rethrow.
 */
async function instantiateKernels(module: WebAssembly.Module): Promise<KernelModule> {
  const scope = globalThis as { process?: unknown };
  const hidden = Object.getOwnPropertyDescriptor(scope, 'process');
  if (hidden !== undefined && hidden.configurable !== true) throw new Error('cannot hide the Node process object from emscripten');
  if (hidden !== undefined) delete scope.process;
  let ready: Promise<KernelModule>;
  try {
    ready = createWasmKernels({
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
        WebAssembly.instantiate(module, imports).then((instance) => done(instance, module));
        return {};
      },
    }) as unknown as Promise<KernelModule>;
  } finally {
    if (hidden !== undefined) Object.defineProperty(scope, 'process', hidden);
  }
  const kernels = await ready;
  // The same bindings TensorFlow.js's own wasm `init()` makes once the module is ready.
  kernels.tfjs = {
    init: kernels.cwrap('init', null, []),
    initWithThreadsCount: kernels.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: kernels.cwrap('get_threads_count', 'number', []),
    registerTensor: kernels.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: kernels.cwrap('dispose_data', null, ['number']),
    dispose: kernels.cwrap('dispose', null, []),
  };
  return kernels;
}

/** Runs the detector on the WebAssembly kernels: the bundle's own `wasm` backend, given kernels it need not fetch. */
async function useWasm(module: WebAssembly.Module): Promise<void> {
  const kernels = await instantiateKernels(module);
  engine.removeBackend('wasm');
  engine.registerBackend('wasm', () => new engine.BackendWasm(kernels));
  if (!(await engine.setBackend('wasm'))) throw new Error('TensorFlow.js wasm backend did not start');
}

/**
 * Selects the backend once per isolate and says which one runs: `wasm` from the compiled kernels
 * `module`, or `cpu` when there is none or it cannot be instantiated (said once on the console).
 * The first call decides; later calls get the same backend whatever they pass.
 *
 * @example
 * await selectBackend(TFJS_WASM_SIMD); // 'wasm'
 */
export function selectBackend(module: WebAssembly.Module | undefined): Promise<DetectorBackend> {
  chosen ??= (async () => {
    if (module !== undefined) {
      try {
        await useWasm(module);
        await engine.ready();
        return 'wasm';
      } catch (error) {
        console.warn('face detection: WebAssembly kernels unavailable, using the CPU kernels', error instanceof Error ? error.message : error);
      }
    }
    if (!(await engine.setBackend('cpu'))) throw new Error('TensorFlow.js CPU backend unavailable');
    await engine.ready();
    return 'cpu';
  })();
  return chosen;
}
