/**
 * Finding: after a hard kill of `n2k media upload` (`kill -9`, a laptop lid closed), the operator
 * could not cancel the upload it left open: the tool never printed the upload's id, and no command
 * cancelled an upload by id, so its sealed chunks stayed until it expired. Against a real local
 * gateway (wrangler dev): the tool prints the id and expiry as soon as the upload is opened; after
 * a SIGKILL while sending, `n2k media cancel <id>` cancels it (the gateway deletes its chunks: a
 * cancel again answers the same counts, a late chunk is refused `upload_cancelled`) and prints what
 * was dropped; a completed upload, an unknown id and a refused token end with exit 1 and a clear
 * message, cancelling nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GatewaySession, generateClientKeys } from '@need2know/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/local-files.js';
import { uploadMedia, type OwnerClient } from '../../scripts/lib/media-cli.js';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';
import { expectUploadCancelled, ownerSession, paddedClip, videoOwnerOn } from '../support/video-owner.js';

const PORT = 8887;
const CASE_ID = 'case-video-cancel-by-id';
const REFS = { killed: 'media:bodycam-killed', complete: 'media:bodycam-completed' };
const MiB = 1024 * 1024;
/** A clip of many of the gateway's 512 KiB chunks, so that the kill lands while chunks are still being sent. */
const CLIP_BYTES = 24 * MiB;
const OPENED =
  /^upload ([0-9a-f]{32}) opened \(expires (\S+) if not completed\); to cancel it should this tool be stopped: n2k media cancel \1 --client (\S+) --type case$/m;

let local: LocalGateway;
let owner: OwnerClient;
let session: GatewaySession;
let dir: string;
let credentials: string;

/** A credentials file naming `clients` for the local gateway, as `npm start` writes one. */
function credentialsFile(name: string, clients: readonly OwnerClient[]): string {
  const path = join(dir, `${name}-credentials.json`);
  writeFileSync(path, JSON.stringify({ issuer: local.gateway.url, note: 'test', privacy_officers: [], clients }));
  return path;
}

/** `n2k <args>` in a child process, as an operator runs it. */
function n2k(args: readonly string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/n2k.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `n2k media cancel <id>` to its end: exit code, stdout and stderr. */
async function cancelCommand(id: string, creds = credentials): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = n2k(['media', 'cancel', id, '--credentials', creds, '--client', owner.client_id]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

const expectCancelled = (id: string, chunks: number) => expectUploadCancelled(session, id, chunks);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-cancel-id-'));
  local = await startLocalGateway(PORT);
  owner = await videoOwnerOn(local, { id: 'police-video-cancel-id', caseId: CASE_ID, caseNumber: '12-2026-0000503', refs: Object.values(REFS) });
  credentials = credentialsFile('owner', [owner]);
  session = await ownerSession(local, owner);
}, 600_000);

afterAll(async () => {
  await local?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('n2k media cancel <upload-id>', { timeout: 600_000 }, () => {
  it('cancels by the id printed when it was opened an upload whose tool was killed with SIGKILL while sending', async () => {
    const clip = join(dir, 'killed.mp4');
    await paddedClip(clip, CLIP_BYTES);
    const child = n2k(['media', 'upload', '--credentials', credentials, '--client', owner.client_id, '--id', CASE_ID, '--ref', REFS.killed, '--file', clip]);
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
      // Killed once a chunk is stored: nothing of the tool runs after SIGKILL, so it cannot cancel.
      if (!killed && OPENED.test(stderr) && /^sending: /m.test(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const ended = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    expect(killed).toBe(true);
    expect(ended).toBe('SIGKILL');
    expect(stderr).not.toMatch(/was cancelled/);
    const [, id = '', expires = '', client] = OPENED.exec(stderr) ?? [];
    expect(client).toBe(owner.client_id);
    // The expiry is a moment in the future (the upload's lifetime), as an ISO date.
    expect(Date.parse(expires)).toBeGreaterThan(Date.now());
    // The id comes before the first chunk is sent.
    expect(stderr.indexOf(`upload ${id} opened`)).toBeLessThan(stderr.search(/^sending: /m));

    const cancel = await cancelCommand(id);
    expect(cancel.stderr).toBe('');
    expect(cancel.code).toBe(0);
    const match = new RegExp(
      `^the upload ${id} was cancelled: (\\d+) chunks \\((\\d+) bytes\\) deleted by the gateway; the cancel is entry \\d+ of its log$`,
      'm',
    ).exec(cancel.stdout);
    expect(match).not.toBeNull();
    const chunks = Number(match?.[1]);
    expect(chunks).toBeGreaterThan(0);
    expect(Number(match?.[2])).toBeGreaterThan(0);
    await expectCancelled(id, chunks);
  });

  it('refuses to cancel a completed upload, an unknown id, and with a refused token: exit 1, a clear message, nothing cancelled', async () => {
    const clip = join(dir, 'complete.mp4');
    await paddedClip(clip, 2 * MiB);
    const lines: string[] = [];
    const stored = await uploadMedia(local.gateway.url, owner, {
      recordType: 'case',
      recordId: CASE_ID,
      ref: REFS.complete,
      file: clip,
      out: mkdtempSync(join(dir, 'out-')),
      progress: (line) => lines.push(line),
    });
    expect(stored).toMatchObject({ sent: true, outcome: 'created' });
    const [, id = ''] = OPENED.exec(lines.join('\n')) ?? [];
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    const complete = await cancelCommand(id);
    expect(complete.code).toBe(1);
    expect(complete.stdout).toBe('');
    expect(complete.stderr).toContain(`the upload ${id} is complete: its video is stored and is not cancelled (upload the video again to replace it)`);

    const unknownId = 'fedcba9876543210fedcba9876543210';
    const unknown = await cancelCommand(unknownId);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no upload ${unknownId} of client ${owner.client_id}: the id is unknown`);

    // The client's id with a key the gateway does not know for it (a key rotated away, a wrong file).
    const keys = await generateClientKeys();
    const stale = await cancelCommand(id, credentialsFile('stale', [{ client_id: owner.client_id, signing_jwk: keys.private.signing }]));
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(new RegExp(`the gateway refused client ${owner.client_id} a token \\(40[01] \\w+\\): nothing was cancelled`));

    // Still the stored video: its upload answers a cancel as complete.
    const still = await session.fetch(`/v1/ingest/media/videos/${id}`, { method: 'DELETE' });
    expect(still.status).toBe(409);
    expect(((await still.json()) as { code: string }).code).toBe('upload_complete');
  });
});
