import { ProblemSchema } from './schemas.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The problem responses every admin route can give, for the OpenAPI document. */
export const adminProblems = {
  400: problem('Malformed request or schema violation (`validation_failed`)'),
  401: problem('Missing, invalid or revoked DPoP-bound token (`invalid_token`, `invalid_dpop_proof`)'),
  403: problem('Not a privacy officer token (`insufficient_scope`) or two-person rule (`two_person_rule`)'),
  404: problem('No such resource (`not_found`)'),
  409: problem('Concurrent change, duplicate id or impossible transition (`conflict`, `invalid_transition`)'),
} as const;

/** JSON request body of `schema`. */
export const jsonBody = <T>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

/** JSON response of `schema`. */
export const jsonOk = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
