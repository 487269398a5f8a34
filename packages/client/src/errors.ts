/** A refusal from the gateway: the OAuth error or the RFC 9457 problem `code`, and the HTTP status. */
export class GatewayError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: unknown;

  constructor(status: number, code: string, body: unknown) {
    super(`gateway refused (${status} ${code})`);
    this.name = 'GatewayError';
    this.status = status;
    this.code = code;
    this.body = body;
  }

  /** Builds the error from a failed response (OAuth `error` or problem `code`). */
  static async from(response: Response): Promise<GatewayError> {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON: keep the status only
    }
    const record = (body ?? {}) as { error?: unknown; code?: unknown };
    const code = typeof record.error === 'string' ? record.error : typeof record.code === 'string' ? record.code : 'unknown';
    return new GatewayError(response.status, code, body);
  }
}
