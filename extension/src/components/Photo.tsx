import { useEffect, useState } from 'react';
import { ask } from '../lib/ask.js';
import { errorText } from '../lib/error-text.js';
import type { Failure, Replies } from '../lib/messages.js';
import type { Stated } from '../lib/stated-reason.js';
import { useI18n } from './i18n.js';

/** What a photo needs from its view: where it was shown, under which grant, and whether reveals are allowed. */
export interface PhotoContext {
  readonly grant: string;
  readonly purpose: string;
  readonly viewId: string;
  readonly mayReveal: boolean;
  /** What the officer stated when opening the record (sent with its photos, as the purpose may require). */
  readonly stated?: Stated;
}

const FLAGS = ['shows_minor', 'shows_victim', 'shows_witness', 'shows_restrained'] as const;

/**
 * Whether a photo is protected: the record names a protected rendition (`#blurred`, or `#redacted`:
 * faces and marked regions hidden), or says it shows a minor, a victim, a witness or a person in
 * restraints.
 */
export function isProtectedMedia(ref: string, parent: Readonly<Record<string, unknown>>): boolean {
  return /#(blurred|redacted)$/.test(ref) || parent.blurred === true || parent.redacted === true || FLAGS.some((f) => parent[f] === true);
}

/**
 * A photo: protected ones come from the gateway blurred (and stay blurred on screen) or redacted —
 * faces and marked regions hidden by the gateway, the rest as taken, shown unblurred and large enough
 * to serve as evidence; where the grant permits, the officer may reveal one after typing a reason.
 * The gateway logs the reason and only then sends the original, so the original is never in the page
 * before the reveal. An original too large to send whole comes as the gateway's copy at its working
 * size, and the photo says so, with that copy's size.
 */
export function Photo({ mediaRef, protectedMedia, context }: { mediaRef: string; protectedMedia: boolean; context: PhotoContext }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  // The gateway sent its blurred rendition (an officer gets protected originals only by a reveal).
  const [sentBlurred, setSentBlurred] = useState(false);
  // The gateway sent its redacted rendition: nothing identifying is left to blur on screen.
  const [sentRedacted, setSentRedacted] = useState(false);
  // The original was too large to send whole: what came is the gateway's copy at its working size.
  const [scaled, setScaled] = useState<Replies['media']['scaled']>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    void ask({
      type: 'media',
      grant: context.grant,
      purpose: context.purpose,
      ref: mediaRef,
      ...(context.stated === undefined ? {} : { stated: context.stated }),
    }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSrc(r.data.data_url);
        setSentBlurred(r.data.blurred);
        setSentRedacted(r.data.redacted);
        setScaled(r.data.scaled);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [mediaRef, context.grant, context.purpose, context.stated]);

  const isProtected = protectedMedia || sentBlurred || sentRedacted;
  const redacted = sentRedacted && !revealed;
  const blurred = isProtected && !revealed && !redacted;
  // The purpose releases no more than this rendition under this grant: nothing to reveal.
  const serverProtected = mediaRef.endsWith('#blurred') ? 'blurred' : mediaRef.endsWith('#redacted') ? 'redacted' : null;

  async function reveal() {
    setSending(true);
    const r = await ask({ type: 'reveal', grant: context.grant, purpose: context.purpose, view_id: context.viewId, media_ref: mediaRef, reason });
    setSending(false);
    if (r.ok) {
      setSrc(r.data.data_url);
      setScaled(r.data.scaled);
      setRevealed(true);
      setAsking(false);
    } else setError(r.error);
  }

  return (
    <figure
      className={`photo${blurred ? ' blurred' : ''}${redacted ? ' redacted' : ''}${sentRedacted ? ' whole' : ''}`}
      data-protected={isProtected ? 'yes' : 'no'}
      data-revealed={revealed ? 'yes' : 'no'}
    >
      <div className="frame">
        {src === null ? (
          <div className="placeholder">{error === null ? t('photoLoading') : errorText(t, error)}</div>
        ) : (
          <img src={src} alt={isProtected ? t('photoProtectedAlt') : t('photoAlt')} draggable={false} />
        )}
      </div>
      {src !== null && scaled !== null && (
        <p className="photo-scaled" data-scaled={`${scaled.width}x${scaled.height}`}>
          {t('photoScaled', { width: scaled.width, height: scaled.height })}
        </p>
      )}
      {isProtected && (
        <figcaption>
          {serverProtected === 'blurred'
            ? t('photoBlurredByGateway')
            : serverProtected === 'redacted'
              ? t('photoRedactedByGateway')
              : revealed
                ? t('photoRevealed')
                : redacted
                  ? t('photoFacesHidden')
                  : t('photoProtected')}
          {serverProtected === null && !revealed && context.mayReveal && !asking && (
            <button type="button" className="reveal" onClick={() => setAsking(true)}>
              {t('reveal')}
            </button>
          )}
          {asking && (
            <form
              className="reveal-form"
              onSubmit={(e) => {
                e.preventDefault();
                void reveal();
              }}
            >
              <label>
                {t('revealWhy')}
                <textarea name="reason" value={reason} minLength={10} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit" disabled={sending || reason.trim().length < 10}>
                {t('revealSubmit')}
              </button>
              <button type="button" onClick={() => setAsking(false)}>
                {t('cancel')}
              </button>
            </form>
          )}
        </figcaption>
      )}
    </figure>
  );
}
