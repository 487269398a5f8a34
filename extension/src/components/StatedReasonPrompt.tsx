import { useState } from 'react';
import { lastReference, MAX_REASON, MAX_REFERENCE, Stated } from '../lib/stated-reason.js';
import { useI18n } from './i18n.js';

/**
 * Asks the officer, before a search or an opened record under a purpose that requires it, for the
 * case or outbreak number and the reason. The last reference of the session is offered again; the
 * reason is asked each time. Nothing is sent until both are valid.
 */
export function StatedReasonPrompt({ onSubmit, onCancel }: { onSubmit: (stated: Stated) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reference, setReference] = useState(lastReference);
  const [reason, setReason] = useState('');
  const parsed = Stated.safeParse({ reference: reference.trim(), reason });
  return (
    <form
      className="stated-reason"
      aria-labelledby="stated-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success) onSubmit(parsed.data);
      }}
    >
      <h2 id="stated-title">{t('statedTitle')}</h2>
      <p className="help">{t('statedIntro')}</p>
      <label>
        {t('statedReference')}
        <input
          name="reference"
          value={reference}
          maxLength={MAX_REFERENCE}
          autoComplete="off"
          spellCheck={false}
          required
          aria-describedby="stated-reference-help"
          onChange={(e) => setReference(e.target.value)}
        />
      </label>
      <p className="help" id="stated-reference-help">
        {t('statedReferenceHelp')}
      </p>
      <label>
        {t('statedReason')}
        {/* A reason is one line: the gateway refuses line breaks. */}
        <input name="reason" value={reason} maxLength={MAX_REASON * 2} autoComplete="off" required onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="buttons">
        <button type="submit" disabled={!parsed.success}>
          {t('statedContinue')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
