import type { ReactNode } from 'react';
import { hasMessage } from '../lib/i18n/lang.js';
import { fieldDef, memberMode, showValue } from '../lib/record-view/values.js';
import { itemOrder } from '../lib/record-view/layout.js';
import { markText } from '../lib/trace-mark/text.js';
import { useI18n } from './i18n.js';
import { isProtectedMedia, Photo, type PhotoContext } from './Photo.js';
import { VideoPlayer } from './VideoPlayer.js';

/** What every value of one record needs: its type, its view (trace mark), its modes and its photos. */
export interface CardContext {
  readonly type: string;
  readonly viewId: string;
  readonly modes: Readonly<Record<string, string>>;
  readonly photo: PhotoContext;
  /** The top-level fields the purpose lets be copied, and what copying one does (write it marked, report it). */
  readonly copy?: { readonly fields: readonly string[]; readonly onCopy: (name: string, text: string) => void };
}

const MEDIA_KEYS = new Set(['photo_ref', 'media_ref', 'media']);

/** A field's label: the catalogue's words, or the field name written as words for a field it lacks. */
export function useFieldLabel(): (name: string) => string {
  const { t } = useI18n();
  return (name) => {
    const key = `field.${name}`;
    return hasMessage(key) ? t(key) : name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  };
}

/** One scalar value in words, trace-marked, with what the purpose did to it. */
export function ScalarValue({ ctx, name, value, mode, list }: { ctx: CardContext; name: string; value: unknown; mode: string; list?: string }) {
  const { t, lang } = useI18n();
  const label = useFieldLabel();
  const shown = showValue(t, lang, name, fieldDef(ctx.type, name, list), mode, value);
  return (
    <span className="value" data-mode={mode}>
      <span className="text" title={shown.other}>
        {markText(shown.text, ctx.viewId)}
      </span>
      {shown.other !== undefined && (
        <span className="other-script" lang={lang === 'km' ? 'en' : 'km'}>
          {markText(shown.other, ctx.viewId)}
        </span>
      )}
      {shown.note !== undefined && <span className="note">{shown.note}</span>}
      {list === undefined && ctx.copy?.fields.includes(name) === true && typeof value === 'string' && (
        <button
          type="button"
          className="copy-field"
          data-copy-field={name}
          aria-label={t('copyFieldLabel', { field: label(name) })}
          onClick={() => ctx.copy?.onCopy(name, markText(shown.text, ctx.viewId))}
        >
          {t('copyField')}
        </button>
      )}
    </span>
  );
}

/** A media item: a photo is shown (blurred where protected), a video gets its player; a document says plainly it is not available here. */
export function MediaItem({ ctx, mediaRef: ref, item }: { ctx: CardContext; mediaRef: string; item: Readonly<Record<string, unknown>> }) {
  const { t } = useI18n();
  // A video plays in its own player (`VideoPlayer.tsx`): each play is logged.
  if (item.kind === 'video') return <VideoPlayer mediaRef={ref} context={ctx.photo} />;
  if (item.kind === 'document') {
    return (
      <p className="media-unavailable" data-kind={item.kind}>
        {t('documentNotAvailable')}
      </p>
    );
  }
  return <Photo mediaRef={ref} protectedMedia={isProtectedMedia(ref, item)} context={ctx.photo} />;
}

/** A field's value: a scalar, a photo, or a list laid out item by item in declared order. */
export function FieldValue({
  ctx,
  name,
  value,
  mode,
  parent,
  list,
}: {
  ctx: CardContext;
  name: string;
  value: unknown;
  mode: string;
  parent: Readonly<Record<string, unknown>>;
  list?: string;
}): ReactNode {
  if (typeof value === 'string' && MEDIA_KEYS.has(name)) return <MediaItem ctx={ctx} mediaRef={value} item={parent} />;
  if (Array.isArray(value)) {
    return (
      <ol className="nested">
        {value.map((item, i) => (
          <li key={i}>
            {typeof item === 'object' && item !== null ? (
              <ItemFields ctx={ctx} list={name} item={item as Record<string, unknown>} mode={mode} />
            ) : (
              <ScalarValue ctx={ctx} name={name} value={item} mode={mode} />
            )}
          </li>
        ))}
      </ol>
    );
  }
  return <ScalarValue ctx={ctx} name={name} value={value} mode={mode} {...(list === undefined ? {} : { list })} />;
}

/** The members of one list item, as a small definition list (a media item's picture in its row). */
export function ItemFields({
  ctx,
  list,
  item,
  mode,
  extra,
}: {
  ctx: CardContext;
  list: string;
  item: Readonly<Record<string, unknown>>;
  mode: string;
  extra?: ReactNode;
}) {
  const label = useFieldLabel();
  return (
    <dl className="fields item">
      {itemOrder(ctx.type, list, item).map(([k, v]) => (
        <div className="field" key={k} data-field={`${list}.${k}`}>
          <dt>{label(k)}</dt>
          <dd>
            <FieldValue ctx={ctx} name={k} value={v} mode={memberMode(fieldDef(ctx.type, k, list), mode)} parent={item} list={list} />
          </dd>
        </div>
      ))}
      {extra}
    </dl>
  );
}
