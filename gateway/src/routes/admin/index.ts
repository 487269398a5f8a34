import { requireAccessToken } from '../../middleware/access-token.js';
import { adminRequestRoutes } from './admin-requests.js';
import { agencyRoutes } from './agencies.js';
import { adminRouter } from './app.js';
import { clientRoutes } from './clients.js';
import { eventRoutes } from './events.js';
import { fieldKeyRoutes } from './field-keys.js';
import { grantRoutes } from './grants.js';
import { housekeepingRoutes } from './housekeeping.js';
import { leadershipRoutes } from './leadership.js';
import { purposeRoutes } from './purposes.js';
import { reportRoutes } from './reports.js';

/** `/v1/admin/*`: privacy-officer administration. Every route needs a DPoP-bound `admin` token. */
export const adminRoutes = adminRouter();
adminRoutes.use('*', requireAccessToken('admin'));
adminRoutes.route('/', agencyRoutes).route('/', clientRoutes).route('/', purposeRoutes).route('/', grantRoutes).route('/', eventRoutes).route('/', housekeepingRoutes).route('/', fieldKeyRoutes).route('/', adminRequestRoutes).route('/', leadershipRoutes).route('/', reportRoutes);
