/** Parses a JSON column written by the gateway itself. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
