/**
 * Demo officers of partner agencies, for trying the viewer extension: registered through the admin
 * API by one privacy officer and approved by the other, who receives a fresh one-time enrolment code
 * for each officer whose viewer is not enrolled. Codes are
 * written to `.local/demo/officers.json` (gitignored) and printed; an enrolled officer keeps theirs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminClient, Json } from './admin-client.js';

export const DEMO_OFFICERS = [
  { id: 'moh-officer-chenda', agency_id: 'moh-tracing', name: 'Chenda Keo (contact tracer)' },
  { id: 'moj-officer-vanna', agency_id: 'ministry-of-justice', name: 'Vanna Sok (case reviewer)' },
] as const;

export interface DemoOfficerCode {
  readonly officer_id: string;
  readonly agency_id: string;
  readonly name: string;
  readonly enrolment_code: string | null;
  readonly code_expires_at: string | null;
  readonly enrolled: boolean;
}

/**
 * The enrolment code for a demo officer who is not enrolled: the requester registers the officer (or
 * asks for a new code), and the approver, as the second privacy officer, approves and receives it.
 * A request still open from an earlier run is approved rather than asked again.
 */
async function approvedCode(requester: AdminClient, approver: AdminClient, demo: (typeof DEMO_OFFICERS)[number], known: Json | undefined): Promise<Json> {
  const open = (await requester.get<{ requests: Json[] }>(`/requests?status=pending&target_id=${demo.id}`)).requests.find(
    (r) => r.kind === 'officer.create' || r.kind === 'officer.rekey',
  );
  let request = open?.id as string | undefined;
  if (request === undefined) {
    const asked =
      known === undefined
        ? await requester.post<{ pending_requests: string[] }>('/officers', { ...demo, reason: 'demo officer' })
        : await requester.post<{ pending_requests: string[] }>(`/officers/${demo.id}/enrolment-code`, { reason: 'demo: fresh code at start-up' });
    request = asked.pending_requests[0];
  }
  const approved = await approver.post<Json>(`/requests/${request}/approve`, { reason: 'demo: second officer approves' });
  // An officer registered before approvals activated officers waits, suspended, for a re-activation.
  if (known?.status === 'suspended' && known.enrolled !== true) {
    const resumed = await requester.patch<{ pending_requests: string[] }>(`/clients/${demo.id}`, { status: 'active', reason: 'demo officer' });
    for (const id of resumed.pending_requests) await approver.post(`/requests/${id}/approve`, { reason: 'demo: second officer approves' });
  }
  return approved;
}

/**
 * Registers missing demo officers and gets codes for those not enrolled (`requester` asks,
 * `approver` approves and receives the code); writes and returns them.
 */
export async function loadDemoOfficers(requester: AdminClient, approver: AdminClient, demoDir: string): Promise<DemoOfficerCode[]> {
  const existing = new Map((await requester.get<{ officers: Json[] }>('/officers')).officers.map((o) => [o.id as string, o]));
  const out: DemoOfficerCode[] = [];
  for (const demo of DEMO_OFFICERS) {
    const known = existing.get(demo.id);
    if (known?.enrolled === true) {
      out.push({ officer_id: demo.id, agency_id: demo.agency_id, name: demo.name, enrolment_code: null, code_expires_at: null, enrolled: true });
      continue;
    }
    const issued = await approvedCode(requester, approver, demo, known);
    out.push({
      officer_id: demo.id,
      agency_id: demo.agency_id,
      name: demo.name,
      enrolment_code: String(issued.enrolment_code),
      code_expires_at: String(issued.code_expires_at),
      enrolled: false,
    });
  }
  writeFileSync(
    join(demoDir, 'officers.json'),
    `${JSON.stringify({ note: 'One-time enrolment codes of the demo officers (synthetic). Enter one in the need2know viewer extension.', officers: out }, null, 2)}\n`,
    { mode: 0o600 },
  );
  return out;
}
