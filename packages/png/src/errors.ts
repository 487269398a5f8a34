/** Stable codes of {@link PngError}: what was wrong with the file, never its content. */
export type PngErrorCode =
  | 'ERR_PNG_SIGNATURE'
  | 'ERR_PNG_CHUNK'
  | 'ERR_PNG_CRC'
  | 'ERR_PNG_HEADER'
  | 'ERR_PNG_UNSUPPORTED'
  | 'ERR_PNG_TOO_LARGE'
  | 'ERR_PNG_DATA';

/**
 * A PNG that cannot be read: malformed, truncated, corrupt, or outside what the gateway accepts.
 * `TypeError` is reserved for callers misusing the API (an image whose buffer does not match its size).
 */
export class PngError extends Error {
  readonly code: PngErrorCode;

  constructor(code: PngErrorCode, message: string) {
    super(message);
    this.name = 'PngError';
    this.code = code;
  }
}
