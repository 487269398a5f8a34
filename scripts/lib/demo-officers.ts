/**
 * Demo officers of partner agencies, for trying the viewer extension: registered through the admin
 * API, each with a fresh one-time enrolment code while their viewer is not enrolled. Codes are
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

/** Registers missing demo officers and issues codes to those not enrolled; writes and returns them. */
export async function loadDemoOfficers(admin: AdminClient, demoDir: string): Promise<DemoOfficerCode[]> {
  const existing = new Map((await admin.get<{ officers: Json[] }>('/officers')).officers.map((o) => [o.id as string, o]));
  const out: DemoOfficerCode[] = [];
  for (const demo of DEMO_OFFICERS) {
    const known = existing.get(demo.id);
    if (known?.enrolled === true) {
      out.push({ officer_id: demo.id, agency_id: demo.agency_id, name: demo.name, enrolment_code: null, code_expires_at: null, enrolled: true });
      continue;
    }
    const issued =
      known === undefined
        ? await admin.post<Json>('/officers', { ...demo, reason: 'demo officer' })
        : await admin.post<Json>(`/officers/${demo.id}/enrolment-code`, { reason: 'demo: fresh code at start-up' });
    out.push({ officer_id: demo.id, agency_id: demo.agency_id, name: demo.name, enrolment_code: String(issued.enrolment_code), code_expires_at: String(issued.code_expires_at), enrolled: false });
  }
  writeFileSync(join(demoDir, 'officers.json'), `${JSON.stringify({ note: 'One-time enrolment codes of the demo officers (synthetic). Enter one in the need2know viewer extension.', officers: out }, null, 2)}\n`, { mode: 0o600 });
  return out;
}
