/**
 * `npm run n2k -- grants scope ID …`: a grant's row scope in words, and changing it. A narrower scope
 * applies at once; a wider one waits for a second privacy officer (the answer shows the request).
 */
import { parseRowScope, type RowScope } from '@need2know/policy';
import type { AdminClient, Json } from './admin-client.js';

/** The options `grants scope` reads. */
export interface ScopeOptions {
  readonly places?: string | undefined;
  readonly since?: string | undefined;
  readonly through?: string | undefined;
  readonly links?: string | undefined;
  readonly 'all-records'?: boolean | undefined;
  readonly reason?: string | undefined;
}

export const GRANT_SCOPE_HELP = `  grants scope ID                                     the grant's row scope in words (English and Khmer)
  grants scope ID [--places 12,08,1201] [--since YYYY-MM-DD] [--through YYYY-MM-DD] [--links victim_in_case,person_in_health_case]
                                                      set it (what is not given is not restricted); narrower: at once,
                                                      wider: waits for a second officer; within the purpose's
  grants scope ID --all-records                       no row scope (every record the purpose's scope allows)`;

/** The row scope the options ask for: undefined when they ask for none (show only), null for every record. Throws on a scope the policy refuses. */
export function scopeFromOptions(o: ScopeOptions): RowScope | null | undefined {
  if (o['all-records'] === true) return null;
  if (o.places === undefined && o.since === undefined && o.through === undefined && o.links === undefined) return undefined;
  const list = (s: string | undefined) =>
    s === undefined
      ? undefined
      : s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '');
  const parsed = parseRowScope({ places: list(o.places) ?? null, from: o.since ?? null, until: o.through ?? null, links: list(o.links) ?? [] });
  if (!parsed.ok) throw new Error(`invalid row scope: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return parsed.scope;
}

/** Runs `grants scope ID …` as the privacy officer of `admin`; returns what to print. */
export async function grantScope(admin: AdminClient, id: string, o: ScopeOptions, json: boolean): Promise<Json | string> {
  const asked = scopeFromOptions(o);
  const grant =
    asked === undefined ? await admin.get<Json>(`/grants/${id}`) : await admin.post<Json>(`/grants/${id}/scope`, { row_scope: asked, reason: o.reason ?? '' });
  if (json) return grant;
  const words = grant.row_scope_words as { en: string; km: string };
  const waiting = (grant.requests as Json[]).find((r) => r.status === 'pending' && r.action === 'scope');
  return [words.en, words.km, ...(waiting === undefined ? [] : [`waiting for a second officer: request ${String(waiting.id)}`])].join('\n');
}
