import { requireAccessToken } from '../../middleware/access-token.js';
import { refuseCrossSiteWrites } from '../../middleware/same-origin-writes.js';
import { adminRequestRoutes } from './admin-requests.js';
import { agencyRoutes } from './agencies.js';
import { adminRouter } from './app.js';
import { clientRoutes } from './clients.js';
import { disclosureLogRoutes } from './disclosure-log.js';
import { eventRoutes } from './events.js';
import { fieldKeyRoutes } from './field-keys.js';
import { grantRoutes } from './grants.js';
import { housekeepingRoutes } from './housekeeping.js';
import { leadershipRoutes } from './leadership.js';
import { mediaOriginalAuditRoutes } from './media-original-audits.js';
import { mediaRedactionRoutes } from './media-redaction.js';
import { mediaScaledCopyRoutes } from './media-scaled-copies.js';
import { officerRoutes } from './officers.js';
import { viewTraceRoutes } from './views.js';
import { oversightRoutes } from './oversight.js';
import { purposeRoutes } from './purposes.js';
import { recordTypeRoutes } from './record-types.js';
import { reportRoutes } from './reports.js';
import { statsAdminRoutes } from '../stats/admin.js';

/** `/v1/admin/*`: privacy-officer administration. Every route needs a DPoP-bound `admin` token. */
export const adminRoutes = adminRouter();
// A browser may change something only from the gateway's own pages (the console).
adminRoutes.use('*', refuseCrossSiteWrites);
adminRoutes.use('*', requireAccessToken('admin'));
adminRoutes
  .route('/', agencyRoutes)
  .route('/', clientRoutes)
  .route('/', purposeRoutes)
  .route('/', grantRoutes)
  .route('/', eventRoutes)
  .route('/', housekeepingRoutes)
  .route('/', fieldKeyRoutes)
  .route('/', adminRequestRoutes)
  .route('/', leadershipRoutes)
  .route('/', reportRoutes)
  .route('/', officerRoutes)
  .route('/', viewTraceRoutes)
  .route('/', mediaRedactionRoutes)
  .route('/', mediaOriginalAuditRoutes)
  .route('/', mediaScaledCopyRoutes);
// What the console's purpose editor and oversight pages read (the CLI has the same).
adminRoutes.route('/', recordTypeRoutes).route('/', oversightRoutes).route('/', disclosureLogRoutes);
// Who receives which aggregate tables, the public tier, the privacy-budget ledger (/v1/stats/).
adminRoutes.route('/', statsAdminRoutes);
