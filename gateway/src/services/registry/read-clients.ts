import { Problem } from '../../platform/errors/problem.js';
import type { AdminStores, Client, ClientFilter } from '../../store/ports/index.js';

export type { Client, ClientFilter } from '../../store/ports/index.js';

/** Registered clients (partners, data owners, privacy officers, officers). */
export function listRegisteredClients(stores: Pick<AdminStores, 'registry'>, filter: ClientFilter): Promise<Client[]> {
  return stores.registry.listClients(filter);
}

/** Client `id`; 404 when there is none. */
export async function readClient(stores: Pick<AdminStores, 'registry'>, id: string): Promise<Client> {
  const client = await stores.registry.getClient(id);
  if (client === null) throw new Problem(404, 'not_found');
  return client;
}
