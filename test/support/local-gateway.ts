/**
 * A throw-away local gateway for benchmarks and black-box tests: fresh state in a temporary folder,
 * its own root secret and privacy officers, started with `wrangler dev` on a spare port and stopped
 * (and its state deleted) at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient } from '../../scripts/lib/admin-client.js';
import { newRootSecret } from '../../scripts/lib/local-files.js';
import { bootstrapAdminsVar, demoPrivacyOfficers } from '../../scripts/lib/privacy-officers.js';
import { startDevGateway, type DevGateway } from '../../scripts/lib/wrangler-dev.js';
import { migrateState } from './migrated-state.js';

/**
 * A gateway on port P gets wrangler's debugger endpoint on P + this: ports below the system's
 * ephemeral range, one per gateway, so gateways started side by side never race for one.
 */
const INSPECTOR_PORT_OFFSET = 10_000;

/** Resolves with the port `listen` got on 127.0.0.1 (0: any free one), or undefined when it is taken. */
function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : undefined));
    });
  });
}

/**
 * The gateway's port and its debugger port: `wanted` (and its debugger port) when both are free,
 * otherwise two ports the system has free. A taken port means another gateway listens there (another
 * test run on the same machine); wrangler would exit, and the readiness check would find that other
 * gateway answering and hand the test a gateway that is not its own.
 */
async function gatewayPorts(wanted: number): Promise<{ port: number; inspectorPort: number }> {
  const inspectorPort = wanted + INSPECTOR_PORT_OFFSET;
  if ((await tryListen(wanted)) !== undefined && (await tryListen(inspectorPort)) !== undefined) return { port: wanted, inspectorPort };
  const port = await tryListen(0);
  let other = await tryListen(0);
  while (other === port) other = await tryListen(0);
  if (port === undefined || other === undefined) throw new Error('no free port for a local gateway');
  return { port, inspectorPort: other };
}

export interface LocalGateway {
  readonly gateway: DevGateway;
  readonly officers: AdminClient[];
  /** Folder holding the gateway's local D1 and Durable Object state. */
  readonly state: string;
  /** The variables it was started with (its root secret among them): to start the same gateway again on `state`. */
  readonly vars: Readonly<Record<string, string>>;
  /** Registers a client as the first officer and approves any pending request as the second. */
  registerClient(body: Record<string, unknown>): Promise<void>;
  /** Registers an officer as the first officer and approves it as the second; returns the enrolment code the approval hands the second. */
  registerOfficer(body: { id: string; agency_id: string; name: string }): Promise<string>;
  /**
   * Opens a grant as the first officer and approves it as the second; returns its id. Without
   * `not_before` / `not_after` the window runs from a minute ago for `hours` (default 1).
   */
  openGrant(
    body: {
      purpose_id: string;
      agency_id: string;
      data_life_seconds: number;
      not_before?: string;
      not_after?: string;
      record_ids?: readonly string[];
      unblurred_media?: boolean;
      note?: string;
    },
    hours?: number,
  ): Promise<string>;
  /** Stops the gateway (state kept until close). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a local gateway on `port` (as {@link startLocalGateway}) and runs `populate` on it. A
 * population that fails half-way closes the gateway, so that it does not hold its port after the run.
 */
export async function startPopulatedGateway<T>(port: number, populate: (local: LocalGateway) => Promise<T>): Promise<T> {
  const local = await startLocalGateway(port);
  try {
    return await populate(local);
  } catch (err) {
    await local.close();
    throw err;
  }
}

/**
 * Starts a fresh gateway on `wantedPort` (or, when another process holds it, on a free port: read
 * the address from `gateway.url`) and signs in its two privacy officers. With `scheduled` the cron
 * triggers run on their schedule, as under `npm start`.
 */
export async function startLocalGateway(
  wantedPort: number,
  options: { stdio?: 'ignore' | 'pipe'; config?: string; scheduled?: boolean } = {},
): Promise<LocalGateway> {
  const { port, inspectorPort } = await gatewayPorts(wantedPort);
  const state = mkdtempSync(join(tmpdir(), 'n2k-local-'));
  const officers = await demoPrivacyOfficers(undefined);
  migrateState(state, options.config);
  const vars = { N2K_ROOT_SECRET: newRootSecret(), N2K_BOOTSTRAP_ADMINS: bootstrapAdminsVar(officers), N2K_PUBLIC_URL: `http://127.0.0.1:${port}` };
  const gateway = await startDevGateway({
    port,
    inspectorPort,
    persistTo: state,
    stdio: options.stdio ?? 'ignore',
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.scheduled === true ? { scheduled: true } : {}),
    vars,
  });
  const signedIn = await Promise.all(officers.map((o) => AdminClient.signIn(gateway.url, o)));
  return {
    gateway,
    officers: signedIn,
    state,
    vars,
    registerClient: async (body) => {
      const [first, second] = signedIn;
      if (first === undefined || second === undefined) throw new Error('two officers are needed');
      const created = await first.post<{ pending_requests: string[] }>('/clients', body);
      for (const id of created.pending_requests) await second.post(`/requests/${id}/approve`, { reason: 'approved for a test or benchmark' });
    },
    registerOfficer: async (body) => {
      const [first, second] = signedIn;
      if (first === undefined || second === undefined) throw new Error('two officers are needed');
      const created = await first.post<{ pending_requests: string[] }>('/officers', { ...body, reason: 'registered for a test' });
      const approved = await second.post<{ enrolment_code: string }>(`/requests/${created.pending_requests[0]}/approve`, { reason: 'approved for a test' });
      return approved.enrolment_code;
    },
    openGrant: async (body, hours = 1) => {
      const [first, second] = signedIn;
      if (first === undefined || second === undefined) throw new Error('two officers are needed');
      const now = Date.now();
      const grant = await first.post<{ id: string; requests: { id: string }[] }>('/grants', {
        not_before: new Date(now - 60_000).toISOString(),
        not_after: new Date(now + hours * 3600_000).toISOString(),
        ...body,
      });
      await second.post(`/grants/${grant.id}/requests/${grant.requests[0]?.id}/approve`, { reason: 'approved for a test or benchmark' });
      return grant.id;
    },
    stop: () => gateway.stop(),
    close: async () => {
      await gateway.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
