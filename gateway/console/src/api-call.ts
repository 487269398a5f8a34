/**
 * One typed call to the gateway: the path, its parameters, its body and its answer all come from
 * the types generated from the gateway's OpenAPI document (`generated/api-types.ts`, by
 * `npm run types:console`), so a route whose shape changes breaks the console's typecheck.
 */
import type { components, paths } from './generated/api-types.js';
import type { OfficerSession } from './session.js';

/** A named schema of the gateway's OpenAPI document. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
export type Path = keyof paths & string;
export type Method = 'get' | 'post' | 'put' | 'patch';
type Operation<P extends Path, M extends Method> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends Path, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;
/** The JSON body of a call's success answer (200, 201 or 202; a union when there are several). */
export type Answer<P extends Path, M extends Method> = Json<Responses<P, M>[Extract<keyof Responses<P, M>, 200 | 201 | 202>]>;
/** The JSON body a call takes. */
export type Body<P extends Path, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
/** The query parameters a call takes. */
export type Query<P extends Path, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The names in a path template, e.g. `id | request_id` for `/grants/{id}/requests/{request_id}/approve`. */
export type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | ParamNames<Rest> : never;

/** A refusal as the console reads it: the problem document's code and status, whatever else it says. */
export type Problem = Pick<Schema<'Problem'>, 'status' | 'code'> & Partial<Omit<Schema<'Problem'>, 'status' | 'code'>>;

/** A refusal from the gateway, with its problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`gateway refused (${problem.status} ${problem.code})`);
    this.name = 'ApiError';
  }
}

/**
 * The address of `path` with its `{name}` parts filled in (each encoded) and its query.
 *
 * @example at('/v1/admin/grants/{id}', { id: 'grt_…' }) // '/v1/admin/grants/grt_…'
 */
export function at<P extends Path>(path: P, params: Record<ParamNames<P>, string>, query: Record<string, string | number | boolean | undefined> = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name] ?? ''));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
  const qs = search.toString();
  return qs === '' ? filled : `${filled}?${qs}`;
}

/** The JSON of a success answer, or an `ApiError` with the problem document of a refusal. */
export async function json<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let body: Partial<Problem> & { error?: string } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON
  }
  throw new ApiError({ ...body, status: response.status, code: body.code ?? body.error ?? 'unknown' });
}

/** What a call sends besides its path. */
export interface CallOptions<P extends Path, M extends Method> {
  readonly params?: Record<ParamNames<P>, string>;
  readonly query?: Query<P, M>;
  readonly body?: Body<P, M>;
  readonly headers?: Record<string, string>;
}

/** The raw response of a typed call (for the headers); `call` reads its JSON. */
export async function send<P extends Path, M extends Method>(session: OfficerSession, method: M, path: P, opts: CallOptions<P, M> = {}): Promise<Response> {
  const url = at(path, (opts.params ?? {}) as Record<ParamNames<P>, string>, (opts.query ?? {}) as Record<string, string | number | boolean | undefined>);
  if (opts.body === undefined) return session.fetch(url, { method: method.toUpperCase(), headers: opts.headers ?? {} });
  return session.fetch(url, {
    method: method.toUpperCase(),
    body: JSON.stringify(opts.body),
    headers: { 'content-type': 'application/json', ...opts.headers },
  });
}

/** A typed call: resolves to the answer the OpenAPI document declares, or throws `ApiError`. */
export async function call<P extends Path, M extends Method>(session: OfficerSession, method: M, path: P, opts: CallOptions<P, M> = {}): Promise<Answer<P, M>> {
  return json<Answer<P, M>>(await send(session, method, path, opts));
}
