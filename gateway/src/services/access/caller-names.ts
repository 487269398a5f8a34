import type { GatewayEnv } from '../../platform/env.js';
import { getAgency } from '../../store/d1/agencies.js';
import { getClient } from '../../store/d1/clients.js';

/** How a caller and its agency are named to themselves (the ids stand in for names not registered). */
export interface CallerNames {
  readonly clientName: string;
  readonly agencyName: string;
  readonly agencyNameKm: string | null;
}

/** The registered names of client `clientId` and agency `agencyId`, read together. */
export async function callerNames(env: GatewayEnv, clientId: string, agencyId: string): Promise<CallerNames> {
  const [client, agency] = await Promise.all([getClient(env.DB, clientId), getAgency(env.DB, agencyId)]);
  return { clientName: client?.name ?? clientId, agencyName: agency?.name ?? agencyId, agencyNameKm: agency?.nameKm ?? null };
}
