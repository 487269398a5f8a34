import { useEffect, useRef, useState } from 'react';
import { ask } from '../lib/ask.js';
import { errorText } from '../lib/error-text.js';
import type { Failure, VideoPlayStarted } from '../lib/messages.js';
import { useI18n } from './i18n.js';
import type { PhotoContext } from './Photo.js';

/** Resolves at the next `name` event of `target`. */
const next = (target: EventTarget, name: string) => new Promise<void>((resolve) => target.addEventListener(name, () => resolve(), { once: true }));

/** Bytes of a base64 chunk from the background. */
function bytesOf(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** `done`: the clip played to its end (buffers dropped; play again for a new logged play); `ended`: stopped by the play's or the window's end. */
type PlayState = 'idle' | 'starting' | 'playing' | 'done' | 'ended' | 'failed';

/**
 * A video of the record: nothing is fetched until the officer presses play. Each play is a logged
 * disclosure opened through a logged view (`background/video.ts`); its chunks are fetched in order,
 * opened by the background and appended to a Media Source Extensions buffer with the manifest's
 * `mime`. The element has no `src` that could be saved (a MediaSource URL, revoked once attached),
 * and download, picture-in-picture, remote playback and the context menu are off; the page's
 * watermark and trace mark lie over it. At the end of the play or of the window, playback stops and
 * the buffers are dropped.
 */
export function VideoPlayer({ mediaRef, context }: { mediaRef: string; context: PhotoContext }) {
  const { t } = useI18n();
  const element = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<PlayState>('idle');
  const [started, setStarted] = useState<VideoPlayStarted | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const stop = useRef<() => void>(() => {});

  // Leaving the record (or the viewer) ends the play and drops its buffers.
  useEffect(() => () => stop.current(), []);

  async function play() {
    const video = element.current;
    if (video === null) return;
    setState('starting');
    const r = await ask({
      type: 'video',
      grant: context.grant,
      purpose: context.purpose,
      ref: mediaRef,
      ...(context.stated === undefined ? {} : { stated: context.stated }),
    });
    if (!r.ok) {
      setError(r.error);
      setState('failed');
      return;
    }
    const play = r.data;
    setStarted(play);
    const source = new MediaSource();
    const url = URL.createObjectURL(source);
    video.src = url;
    await next(source, 'sourceopen');
    URL.revokeObjectURL(url);
    const buffer = source.addSourceBuffer(play.mime);
    let over = false;
    const end = (why: 'done' | 'ended' = 'ended') => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', pauseWhenHidden);
      video.pause();
      // Dropping the source drops every buffered frame: nothing of the play stays in the page.
      video.removeAttribute('src');
      video.load();
      setState(why);
    };
    video.onended = () => end('done');
    const pauseWhenHidden = () => {
      if (document.hidden) video.pause();
    };
    document.addEventListener('visibilitychange', pauseWhenHidden);
    const timer = setTimeout(() => end(), Math.max(0, play.ends_at * 1000 - Date.now()));
    stop.current = () => end();
    setState('playing');
    for (let n = 0; n < play.chunks && !over; n++) {
      const chunk = await ask({ type: 'video_chunk', grant: context.grant, purpose: context.purpose, play: play.play, n });
      if (over) return;
      if (!chunk.ok) {
        setError(chunk.error);
        end();
        return;
      }
      buffer.appendBuffer(bytesOf(chunk.data.data));
      await next(buffer, 'updateend');
      // The first chunk holds the initialisation segment and the first frames: start as soon as it is in.
      if (n === 0) void video.play().catch(() => undefined);
    }
    if (!over && source.readyState === 'open') source.endOfStream();
  }

  const caption =
    started === null ? null : started.rendition === 'redacted' ? t('videoRedacted') : started.rendition === 'blurred' ? t('videoBlurred') : t('videoOriginal');
  return (
    <figure className="video" data-state={state} data-rendition={started?.rendition ?? ''}>
      <video
        ref={element}
        className="video-frame"
        controls={state === 'playing'}
        controlsList="nodownload noremoteplayback noplaybackrate"
        disablePictureInPicture
        disableRemotePlayback
        playsInline
        muted
        draggable={false}
        onContextMenu={(e) => e.preventDefault()}
        {...(started === null ? {} : { width: Math.min(640, started.width) })}
      />
      <figcaption>
        {(state === 'idle' || state === 'done') && (
          <button type="button" className="video-play" onClick={() => void play()}>
            {t('videoPlay')}
          </button>
        )}
        {state === 'starting' && t('videoLoading')}
        {state === 'playing' && caption}
        {state === 'ended' && (error === null ? t('videoEnded') : errorText(t, error))}
        {state === 'failed' && error !== null && errorText(t, error)}
      </figcaption>
    </figure>
  );
}
