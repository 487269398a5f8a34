/**
 * The storage conformance suite of the administrative core: written against the ports of
 * `gateway/src/store/ports/` only, so that every backend (D1 today; PostgreSQL, say, for a ministry
 * that hosts the gateway itself) is held to the same contract. A backend's test calls
 * {@link describeAdminStoresConformance} with a factory of its stores.
 */
import { describeApprovalStoreConformance } from './approvals.js';
import { describeChangeStoreConformance } from './changes.js';
import type { MakeStores } from './fixtures.js';
import { describeGrantEndingConformance } from './grant-endings.js';
import { describeGrantStoreConformance } from './grants.js';
import { describeOriginalAuditStoreConformance } from './original-audits.js';
import { describePurposeStoreConformance } from './purposes.js';
import { describeRegistryStoreConformance } from './registry.js';
import { describeRevocationStoreConformance } from './revocations.js';

export type { MakeStores } from './fixtures.js';
export {
  describeApprovalStoreConformance,
  describeChangeStoreConformance,
  describeGrantEndingConformance,
  describeGrantStoreConformance,
  describeOriginalAuditStoreConformance,
  describePurposeStoreConformance,
  describeRegistryStoreConformance,
  describeRevocationStoreConformance,
};

/** Every suite of the administrative core's ports. */
export function describeAdminStoresConformance(makeStores: MakeStores): void {
  describeRegistryStoreConformance(makeStores);
  describePurposeStoreConformance(makeStores);
  describeGrantStoreConformance(makeStores);
  describeGrantEndingConformance(makeStores);
  describeApprovalStoreConformance(makeStores);
  describeChangeStoreConformance(makeStores);
  describeRevocationStoreConformance(makeStores);
}
