/**
 * Reads a response body that holds a JOSE compact serialization (`application/jose`, RFC 7515 §9.2.1;
 * also RFC 7516's JWE) or any other body that may be one. Compact serializations are base64url
 * segments and dots, so the bytes are ASCII; reading them as bytes and decoding explicitly avoids
 * treating a non-text media type as text (which runtimes such as workerd rightly warn about).
 *
 * @example
 *   const jwe = await readCompactBody(await fetch(url, init));
 */
export async function readCompactBody(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(await response.arrayBuffer());
}
