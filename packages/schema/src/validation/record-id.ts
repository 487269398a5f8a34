import * as z from 'zod';
import { RECORD_ID_PATTERN } from './limits.js';

/** Schema of a record id, and of `ref` fields that hold one ({@link RECORD_ID_PATTERN}). */
export function recordIdSchema() {
  return z.string().regex(RECORD_ID_PATTERN);
}
