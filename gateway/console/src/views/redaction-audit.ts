/**
 * Auditing a photo's redaction: the privacy officer names the data owner and the photo's reference
 * (as records name it) and sees what partners and officers receive in place of the people in it —
 * the protected rendition, with the faces the detector found and the owner's regions drawn over it,
 * each with its reason, note and who set it. Never the original: the gateway does not send it here.
 * Each audit is recorded by the gateway before it answers. The reference travels in a POST body and
 * stays out of the address. The original is shown beside the rendition only once two leadership
 * officers approved this officer's request to compare the two (`original-audit.ts`).
 *
 * The picture is decoded with `createImageBitmap` and drawn on a canvas: the console's content
 * security policy allows images from its own origin only, and a bitmap made from bytes is not a load.
 */
import type { AdminApi, Agency, OriginalAudit } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, num, t } from '../i18n/i18n.js';
import { field, input, problemBox, select } from '../ui.js';
import { agencyName, type ViewContext } from './context.js';
import { myOriginalAudit, originalAuditPanel, originalPicture } from './original-audit.js';

type Audit = Awaited<ReturnType<AdminApi['redactionAudit']>>;

/** Widest the picture is drawn, in CSS pixels. */
const MAX_DRAWN_WIDTH = 720;

const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The rendition drawn to scale, with the detector's faces (dashed when the owner took one away) and the owner's regions over it. */
async function picture(audit: Audit): Promise<HTMLElement> {
  const bitmap = await createImageBitmap(new Blob([fromB64(audit.shown.data)], { type: audit.shown.content_type }));
  const scale = Math.min(1, MAX_DRAWN_WIDTH / bitmap.width);
  const canvas = h('canvas', {
    width: Math.round(bitmap.width * scale),
    height: Math.round(bitmap.height * scale),
    role: 'img',
    'aria-label': t('redactionPictureAlt', { rendition: t(audit.shown.rendition === 'redacted' ? 'renditionRedacted' : 'renditionBlurred') }),
    'data-rendition': audit.shown.rendition,
  });
  const g = canvas.getContext('2d');
  if (g === null) return canvas;
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  g.lineWidth = 2;
  g.font = '13px sans-serif';
  const label = (text: string, x: number, y: number, colour: string) => {
    g.fillStyle = colour;
    g.fillRect(x, Math.max(0, y - 16), g.measureText(text).width + 6, 16);
    g.fillStyle = '#000';
    g.fillText(text, x + 3, Math.max(12, y - 4));
  };
  for (const f of audit.detection?.faces ?? []) {
    g.strokeStyle = f.removed === null ? '#ffd400' : '#9aa0a6';
    g.setLineDash(f.removed === null ? [] : [6, 4]);
    g.strokeRect(f.x * scale, f.y * scale, f.width * scale, f.height * scale);
    label(`${num(f.face + 1)} · ${f.score.toFixed(2)}`, f.x * scale, f.y * scale, f.removed === null ? '#ffd400' : '#9aa0a6');
  }
  g.setLineDash([]);
  g.strokeStyle = '#00c8ff';
  for (const r of audit.regions?.regions ?? []) {
    g.strokeRect(r.x * scale, r.y * scale, r.width * scale, r.height * scale);
    label(r.reason, r.x * scale, r.y * scale, '#00c8ff');
  }
  bitmap.close();
  return h('figure', { class: 'redaction-picture' }, canvas, h('figcaption', { class: 'muted' }, t('redactionLegend')));
}

function table(headers: readonly string[], rows: readonly HTMLElement[], attrs: Record<string, string>): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', attrs, h('thead', {}, h('tr', {}, ...headers.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)),
  );
}

const box = (b: { x: number; y: number; width: number; height: number }) => `${num(b.width)} × ${num(b.height)} @ ${num(b.x)}, ${num(b.y)}`;

async function details(
  ctx: ViewContext,
  audit: Audit,
  agencies: readonly Agency[],
  request: OriginalAudit | null,
  reopen: () => void,
): Promise<(HTMLElement | null)[]> {
  const faces = audit.detection?.faces ?? [];
  const regions = audit.regions?.regions ?? [];
  return [
    h(
      'p',
      { class: 'callout', 'data-audit-recorded': String(audit.event_seq) },
      t('redactionRecorded', { seq: num(audit.event_seq) }),
      ' ',
      t(audit.protection === null ? 'redactionNotExamined' : audit.protection === 'redacted' ? 'redactionGoesRedacted' : 'redactionGoesBlurred'),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('redactionOwner')),
      h('dd', {}, agencyName(agencies, audit.owner)),
      h('dt', {}, t('redactionUploaded')),
      h('dd', {}, t('redactionBy', { when: dateTime(audit.uploaded_at), who: audit.uploaded_by })),
      h('dt', {}, t('redactionDetector')),
      h('dd', {}, audit.detection === null ? t('redactionNoDetection') : `${audit.detection.detector} (${audit.detection.version})`),
    ),
    h('div', { class: 'redaction-compare' }, await picture(audit), audit.original === null ? null : await originalPicture(audit.original)),
    originalAuditPanel(ctx, audit, request, reopen),
    h('h3', {}, t('redactionFaces', { n: num(faces.length) })),
    faces.length === 0
      ? h('p', {}, t('redactionNoFaces'))
      : table(
          [t('redactionFace'), t('redactionBox'), t('redactionScore'), t('redactionRemoved')],
          faces.map((f) =>
            h(
              'tr',
              { 'data-face': String(f.face) },
              h('td', {}, num(f.face + 1)),
              h('td', { class: 'mono' }, box(f)),
              h('td', {}, f.score.toFixed(2)),
              h('td', {}, f.removed === null ? '—' : `${f.removed.reason}${f.removed.note === null ? '' : `: ${f.removed.note}`}`),
            ),
          ),
          { 'data-redaction-faces': '' },
        ),
    h('h3', {}, t('redactionRegions', { n: num(regions.length) })),
    audit.regions === null
      ? h('p', {}, t('redactionNoRegions'))
      : h('p', { 'data-regions-set-by': audit.regions.set_by }, t('redactionBy', { when: dateTime(audit.regions.set_at), who: audit.regions.set_by })),
    regions.length === 0
      ? null
      : table(
          [t('redactionReason'), t('redactionNote'), t('redactionBox')],
          regions.map((r) =>
            h('tr', { 'data-region-reason': r.reason }, h('td', {}, r.reason), h('td', {}, r.note ?? '—'), h('td', { class: 'mono' }, box(r))),
          ),
          { 'data-redaction-regions': '' },
        ),
  ];
}

/** The page: a form (owner, reference, which protected rendition) and the audit it opens. */
export async function redactionAuditView(ctx: ViewContext): Promise<HTMLElement> {
  const agencies = await ctx.api.agencies();
  const owner = select(
    agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })),
    agencies[0]?.id ?? '',
    { name: 'owner' },
  );
  const ref = input({ name: 'ref', required: true, maxlength: 400, autocomplete: 'off', spellcheck: 'false' });
  const rendition = select(
    [
      { value: 'protected', label: t('renditionProtected') },
      { value: 'redacted', label: t('renditionRedacted') },
      { value: 'blurred', label: t('renditionBlurred') },
    ],
    'protected',
    { name: 'rendition' },
  );
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('redactionOpen'));
  const form = h(
    'form',
    { class: 'redaction-form' },
    field(t('redactionOwner'), owner),
    field(t('redactionRef'), ref, t('redactionRefHelp')),
    field(t('redactionRendition'), rendition),
    submit,
  );
  // With this officer's request in force, the original is asked for too (the protected rendition comes with it).
  const open = async (): Promise<void> => {
    const [o, r] = [owner.value, ref.value.trim()];
    const request = await myOriginalAudit(ctx, o, r);
    const asked = request?.state === 'in_force' ? 'original' : (rendition.value as 'protected' | 'redacted' | 'blurred');
    const audit = await ctx.api.redactionAudit({ owner: o, ref: r, rendition: asked });
    replace(out, ...(await details(ctx, audit, agencies, request, () => void open().catch((err: unknown) => out.replaceChildren(problemBox(err))))));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    out.replaceChildren(t('loading'));
    open()
      .catch((err: unknown) => out.replaceChildren(problemBox(err)))
      .finally(() => (submit.disabled = false));
  });
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1, id: 'redaction-title' }, t('redactionTitle'))),
    h('section', { class: 'card', 'aria-labelledby': 'redaction-title' }, h('p', { class: 'muted' }, t('redactionIntro')), form, out),
  );
}
