import type { Stores } from '../../store/ports/index.js';

/** How a caller and its agency are named to themselves (the ids stand in for names not registered). */
export interface CallerNames {
  readonly clientName: string;
  readonly agencyName: string;
  readonly agencyNameKm: string | null;
}

/** The registered names of client `clientId` and agency `agencyId`, read together. */
export async function callerNames(stores: Pick<Stores, 'registry'>, clientId: string, agencyId: string): Promise<CallerNames> {
  const [client, agency] = await Promise.all([stores.registry.getClient(clientId), stores.registry.getAgency(agencyId)]);
  return { clientName: client?.name ?? clientId, agencyName: agency?.name ?? agencyId, agencyNameKm: agency?.nameKm ?? null };
}
