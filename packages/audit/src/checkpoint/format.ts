import { encodeBase64 } from '@need2know/crypto';
import { assertHash, assertSize } from '../lib/validate.js';
import { validNoteText } from '../note/text.js';
import type { Checkpoint } from './types.js';

/**
 * The checkpoint body: `<origin>\n<size>\n<base64 root>\n` then any extension lines
 * (c2sp.org/tlog-checkpoint). This is the exact text that gets signed.
 *
 * @example
 * ```ts
 * formatCheckpoint({ origin: 'example.gov/audit', size: 8, root });
 * // 'example.gov/audit\n8\nXcnaeacGWamtVZy3Ad7Zoqudgjqq…=\n'
 * ```
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) throw new TypeError('formatCheckpoint: origin must be one non-empty line');
  assertSize(size, 'formatCheckpoint: size');
  assertHash(root, 'formatCheckpoint: root');
  for (const line of extensions) {
    // c2sp.org/tlog-checkpoint: extension lines are non-empty; an empty one would end the body.
    if (typeof line !== 'string' || line.length === 0 || line.includes('\n'))
      throw new TypeError('formatCheckpoint: extension lines must be non-empty single lines');
  }
  const body = [origin, String(size), encodeBase64(root), ...extensions].map((l) => `${l}\n`).join('');
  if (!validNoteText(body)) throw new TypeError('formatCheckpoint: text has control characters or is not well-formed');
  return body;
}
