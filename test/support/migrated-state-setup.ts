/**
 * Vitest global setup of the end-to-end project: builds the migrated D1 template (see
 * migrated-state.ts) once, before the files that start gateways run side by side, so that they copy
 * it instead of each migrating its own at the same moment.
 */
import { migratedTemplate } from './migrated-state.js';

export default function setup(): void {
  migratedTemplate();
}
