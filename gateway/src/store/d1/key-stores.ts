import type { KeyStateStore, NewSigningKey, SigningKeyStore } from '../ports/keys.js';
import type { NewAdminEvent } from '../ports/changes.js';
import { commitChange } from './admin-events.js';
import {
  currentVersionSetAt,
  raiseCurrentVersionStatements,
  raiseOldestVersionStatements,
  readKeyCheck,
  readKeyVersions,
  storeKeyCheckIfMissing,
} from './key-state.js';
import {
  insertFirstActiveKey,
  listAllKeys,
  listPublishedKeys,
  listWrappedKeys,
  oldestWrappedKey,
  replaceActiveKeyStatements,
  rewrapKeyStatement,
} from './signing-keys.js';

/** The field-key versions and the key check over one D1 database (`key_state`, `key_check`). */
export function d1KeyStateStore(db: D1Database): KeyStateStore {
  return {
    fieldKeyVersions: () => readKeyVersions(db),
    currentVersionSetAt: () => currentVersionSetAt(db),
    // The statements' guard aborts the batch, event included, when the version was not the one expected.
    raiseCurrentVersion: (version, event) => commitChange(db, raiseCurrentVersionStatements(db, version, event.at), event),
    raiseOldestVersion: (version, event) => commitChange(db, raiseOldestVersionStatements(db, version, event.at), event),
    keyCheck: () => readKeyCheck(db),
    storeKeyCheckIfMissing: (value, now) => storeKeyCheckIfMissing(db, value, now),
  };
}

/** Whether a failed batch was aborted by a guard or a constraint (a lost race), not by the database. */
const isConflict = (err: unknown) => /CHECK constraint failed|UNIQUE constraint failed/i.test(err instanceof Error ? err.message : String(err));

/** The token-signing keys over one D1 database (`signing_keys`). */
export function d1SigningKeyStore(db: D1Database): SigningKeyStore {
  return {
    publishedKeys: (now) => listPublishedKeys(db, now),
    allKeys: () => listAllKeys(db),
    insertFirstActive: (key) => insertFirstActiveKey(db, key),
    replaceActive: async (oldKid: string, publishUntil: number, next: NewSigningKey, event?: NewAdminEvent) => {
      const statements = replaceActiveKeyStatements(db, oldKid, publishUntil, next);
      if (event !== undefined) return (await commitChange(db, statements, event)).ok;
      try {
        await db.batch(statements);
        return true;
      } catch (err) {
        if (isConflict(err)) return false;
        throw err;
      }
    },
    wrappedKeys: () => listWrappedKeys(db),
    oldestWrappedKey: () => oldestWrappedKey(db),
    rewrapKeys: async (rewraps) => {
      if (rewraps.length === 0) return 0;
      const results = await db.batch(rewraps.map((r) => rewrapKeyStatement(db, r.kid, r.was, r.rewrapped)));
      return results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    },
  };
}
