import { CryptoError } from '../errors.js';
import type { KeyRing } from '../key-ring.js';
import type { FieldContext } from '../types.js';
import { openField } from './open.js';

// ignoreBOM keeps a leading U+FEFF that was sealed; fatal refuses bytes that are not UTF-8.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * {@link openField}, decoding the plaintext as UTF-8: the inverse of sealing a string.
 *
 * @throws CryptoError as {@link openField}, and `ERR_PLAINTEXT_NOT_TEXT` when the authentic
 * plaintext is not valid UTF-8 (it was sealed as bytes).
 */
export function openFieldText(ring: KeyRing, ctx: FieldContext, envelope: string): string {
  const bytes = openField(ring, ctx, envelope);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CryptoError('ERR_PLAINTEXT_NOT_TEXT', 'sealed value is not UTF-8 text');
  } finally {
    bytes.fill(0);
  }
}
