import type { ClientKind } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { getClient, listClients, type Client } from '../../store/d1/clients.js';

export type { Client } from '../../store/d1/clients.js';

/** Which clients to list. */
export interface ClientFilter {
  readonly agencyId?: string;
  readonly kind?: ClientKind;
}

/** Registered clients (partners, data owners, privacy officers, officers). */
export function listRegisteredClients(db: D1Database, filter: ClientFilter): Promise<Client[]> {
  return listClients(db, filter);
}

/** Client `id`; 404 when there is none. */
export async function readClient(db: D1Database, id: string): Promise<Client> {
  const client = await getClient(db, id);
  if (client === null) throw new Problem(404, 'not_found');
  return client;
}
