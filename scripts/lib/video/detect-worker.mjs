/**
 * The detection worker's entry (`detect-pool.ts` starts it): the worker runs this project's
 * TypeScript, so tsx's loader is registered in the thread first, then `detect-worker.ts` is loaded.
 */
import { register } from 'tsx/esm/api';

register();
await import('./detect-worker.ts');
