import { GatewayError, type GatewaySession } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { CancelRefused, cancelledNote, cancelUploadById, openedNote } from './cancel-cli.js';

const ID = '0123456789abcdef0123456789abcdef';
const cancelled = { upload_id: ID, ref: 'media:x', cancelled_at: 1_800_000_000, chunks: 3, bytes: 1_310_720, log_index: 9 };

/** A session whose requests are answered by `answer` (the gateway scripted), recording what was asked. */
function scripted(answer: (path: string, init: RequestInit) => Response) {
  const asked: { path: string; method: string | undefined }[] = [];
  const session = {
    fetch: async (path: string, init: RequestInit = {}) => {
      asked.push({ path, method: init.method });
      return answer(path, init);
    },
  } as unknown as GatewaySession;
  return { session, asked };
}

const problem = (status: number, code: string) => new Response(JSON.stringify({ code }), { status, headers: { 'content-type': 'application/problem+json' } });

describe('n2k media cancel', () => {
  it('prints the id, the expiry and the command that cancels it, as soon as the upload is opened', () => {
    expect(openedNote({ uploadId: ID, expiresAt: 1_800_000_000 }, 'police-video', 'case')).toBe(
      `upload ${ID} opened (expires 2027-01-15T08:00:00.000Z if not completed); to cancel it should this tool be stopped: n2k media cancel ${ID} --client police-video --type case`,
    );
  });

  it('cancels the upload named (DELETE) and says what was dropped', async () => {
    const { session, asked } = scripted(() => Response.json(cancelled));
    const got = await cancelUploadById(async () => session, 'police-video', ID);
    expect(got).toEqual(cancelled);
    expect(asked).toEqual([{ path: `/v1/ingest/media/videos/${ID}`, method: 'DELETE' }]);
    expect(cancelledNote(got)).toBe(`the upload ${ID} was cancelled: 3 chunks (1310720 bytes) deleted by the gateway; the cancel is entry 9 of its log`);
  });

  it.each([
    [409, 'upload_complete', /is complete: its video is stored and is not cancelled \(upload the video again to replace it\)$/],
    [404, 'not_found', /^no upload 0123456789abcdef0123456789abcdef of client police-video: the id is unknown, .*nothing was cancelled$/],
    [410, 'upload_expired', /expired and the gateway deleted it: nothing is left to cancel$/],
    [401, 'invalid_token', /^the gateway refused client police-video's token \(401 invalid_token\): nothing was cancelled$/],
    [403, 'insufficient_scope', /^the gateway refused client police-video's token \(403 insufficient_scope\): nothing was cancelled$/],
    [500, 'internal_error', /^the gateway refused to cancel the upload .* \(500 internal_error\): nothing was cancelled$/],
  ])('turns a %i %s into a refusal an operator can act on', async (status, code, message) => {
    const { session } = scripted(() => problem(status, code));
    const failure = await cancelUploadById(async () => session, 'police-video', ID).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CancelRefused);
    expect((failure as Error).message).toMatch(message);
    expect((failure as Error).cause).toMatchObject({ status, code });
  });

  it('says when the token endpoint refuses the client a token, and sends no cancel', async () => {
    const failure = await cancelUploadById(
      async () => {
        throw new GatewayError(401, 'invalid_client', { error: 'invalid_client' });
      },
      'police-video',
      ID,
    ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CancelRefused);
    expect((failure as Error).message).toBe('the gateway refused client police-video a token (401 invalid_client): nothing was cancelled');
  });

  it('refuses what is not an upload id before asking for a token', async () => {
    let opened = false;
    const open = async () => {
      opened = true;
      return scripted(() => Response.json(cancelled)).session;
    };
    for (const id of ['', 'not-an-upload', `${ID}0`, ID.toUpperCase(), '../../admin/agencies'])
      await expect(cancelUploadById(open, 'police-video', id)).rejects.toThrow(/^not an upload id: /);
    expect(opened).toBe(false);
  });

  it('lets a failure to reach the gateway through as it is', async () => {
    const { session } = scripted(() => {
      throw new TypeError('fetch failed');
    });
    await expect(cancelUploadById(async () => session, 'police-video', ID)).rejects.toThrow(TypeError);
  });
});
