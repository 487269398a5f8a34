import { GatewayError } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { abandonedNote, UploadInterrupted, withStopSignals } from './upload-stop.js';

const cancelled = { upload_id: 'ab12', ref: 'media:x', cancelled_at: 1_800_000_000, chunks: 3, bytes: 1_310_720, log_index: 9 };

describe('stopping an upload', () => {
  it('ends as a process ended by the signal would: 130 for SIGINT, 143 for SIGTERM', () => {
    expect(new UploadInterrupted('SIGINT').exitCode).toBe(130);
    expect(new UploadInterrupted('SIGTERM').exitCode).toBe(143);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('turns %s into an abort of the work, once, and removes its handlers afterwards', async (name) => {
    const listeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    const reason = await withStopSignals(async (signal) => {
      expect(signal.aborted).toBe(false);
      process.emit(name, name);
      return signal.reason as unknown;
    });
    expect(reason).toBeInstanceOf(UploadInterrupted);
    expect(reason).toMatchObject({ signal: name });
    expect(process.listenerCount('SIGINT')).toBe(listeners.SIGINT);
    expect(process.listenerCount('SIGTERM')).toBe(listeners.SIGTERM);
  });

  it('says what became of an abandoned upload: cancelled, completed before the stop, or left to expire', () => {
    expect(abandonedNote({ uploadId: 'ab12', cancelled })).toBe('the upload ab12 was cancelled: 3 chunks (1310720 bytes) deleted by the gateway');
    const complete = new GatewayError(409, 'upload_complete', null);
    expect(abandonedNote({ uploadId: 'ab12', cancelled: null, error: complete, expiresAt: 0 })).toBe(
      'the upload ab12 was completed before it stopped: the video is stored',
    );
    expect(abandonedNote({ uploadId: 'ab12', cancelled: null, error: new TypeError('fetch failed'), expiresAt: 1_800_000_000 })).toBe(
      'the upload ab12 could not be cancelled (fetch failed); the gateway deletes it when it expires, at 2027-01-15T08:00:00.000Z',
    );
  });
});
