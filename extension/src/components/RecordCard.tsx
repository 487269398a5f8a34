import type { ReactNode } from 'react';
import { markText } from '../lib/trace-mark/text.js';
import { Photo, isProtectedMedia } from './Photo.js';
import type { PhotoContext } from './Photo.js';

/** Readable names for the fields officers meet most; others are shown by their key. */
const LABELS: Record<string, string> = {
  id: 'Record',
  national_id: 'National ID',
  name_km: 'Name (Khmer)',
  name_latin: 'Name (Latin)',
  sex: 'Sex',
  date_of_birth: 'Date of birth',
  phone: 'Phone',
  address: 'Address',
  photo_ref: 'Photo',
  red_notice: 'Red notice',
  blacklist: 'Blacklist',
  criterion: 'Safe-village criterion',
  occurred_on: 'Occurred on',
  place: 'Place',
  persons: 'Persons',
  evidence: 'Evidence',
  narrative: 'Narrative',
  status: 'Status',
};

const label = (key: string) => LABELS[key] ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

const MEDIA_KEYS = new Set(['photo_ref', 'media_ref', 'media']);

function Value({ name, value, viewId, photo, parent }: { name: string; value: unknown; viewId: string; photo: PhotoContext; parent: Readonly<Record<string, unknown>> }): ReactNode {
  if (value === null || value === undefined) return <span className="none">—</span>;
  if (typeof value === 'string' && MEDIA_KEYS.has(name)) return <Photo mediaRef={value} protectedMedia={isProtectedMedia(value, parent)} context={photo} />;
  if (typeof value === 'boolean') return <span>{markText(value ? 'yes' : 'no', viewId)}</span>;
  if (typeof value === 'string' || typeof value === 'number') return <span>{markText(String(value), viewId)}</span>;
  if (Array.isArray(value)) {
    return (
      <ol className="nested">
        {value.map((item, i) => (
          <li key={i}>{typeof item === 'object' && item !== null ? <Fields record={item as Record<string, unknown>} viewId={viewId} photo={photo} /> : <Value name={name} value={item} viewId={viewId} photo={photo} parent={parent} />}</li>
        ))}
      </ol>
    );
  }
  return <Fields record={value as Record<string, unknown>} viewId={viewId} photo={photo} />;
}

function Fields({ record, viewId, photo }: { record: Readonly<Record<string, unknown>>; viewId: string; photo: PhotoContext }) {
  return (
    <dl className="fields">
      {Object.entries(record).map(([k, v]) => (
        <div className="field" key={k} data-field={k}>
          <dt>{label(k)}</dt>
          <dd>
            <Value name={k} value={v} viewId={viewId} photo={photo} parent={record} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One minimised record, every value carrying the view's invisible trace mark. */
export function RecordCard({ record, viewId, modes, photo }: { record: Readonly<Record<string, unknown>>; viewId: string; modes: Readonly<Record<string, string>>; photo: PhotoContext }) {
  const name = typeof record.name_km === 'string' ? record.name_km : typeof record.name_latin === 'string' ? record.name_latin : String(record.id ?? '');
  return (
    <article className="record" aria-label={`Record ${String(record.id ?? '')}`}>
      <h2 lang="km">{markText(name, viewId)}</h2>
      <Fields record={record} viewId={viewId} photo={photo} />
      <p className="modes">{Object.entries(modes).filter(([, m]) => m !== 'clear').map(([f, m]) => `${label(f)}: ${m}`).join(' · ')}</p>
    </article>
  );
}
