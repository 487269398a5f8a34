import { useState } from 'react';

type RecordType = 'person' | 'case' | 'health_case' | 'officer_discipline';
export type SearchRequest =
  | { kind: 'id'; recordType: RecordType; id: string }
  | { kind: 'national_id' | 'phone' | 'name_dob'; recordType: RecordType; terms: Record<string, string> };

const TYPES: readonly RecordType[] = ['person', 'case', 'health_case', 'officer_discipline'];

/** Find a record by id, or people by national ID, phone, or name and date of birth. */
export function SearchForm({ recordTypes, onSubmit }: { recordTypes: readonly string[]; onSubmit: (req: SearchRequest) => void | Promise<void> }) {
  const types = TYPES.filter((t) => recordTypes.includes(t));
  const [recordType, setRecordType] = useState<RecordType>(types[0] ?? 'person');
  const [kind, setKind] = useState<SearchRequest['kind']>('id');
  const [value, setValue] = useState('');
  const [name, setName] = useState('');
  const [dob, setDob] = useState('');

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (kind === 'id') return void onSubmit({ kind, recordType, id: value.trim() });
    if (kind === 'name_dob') return void onSubmit({ kind, recordType: 'person', terms: { name_latin: name.trim(), date_of_birth: dob } });
    return void onSubmit({ kind, recordType: 'person', terms: { [kind]: value.trim() } });
  }

  return (
    <form className="search" onSubmit={submit} aria-label="Find records">
      <label>
        Record type
        <select name="record_type" value={recordType} onChange={(e) => setRecordType(e.target.value as RecordType)}>
          {types.map((t) => (
            <option key={t} value={t}>
              {t.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Find by
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as SearchRequest['kind'])}>
          <option value="id">record id</option>
          <option value="national_id">national ID</option>
          <option value="phone">phone</option>
          <option value="name_dob">name and date of birth</option>
        </select>
      </label>
      {kind === 'name_dob' ? (
        <>
          <label>
            Name (Latin)
            <input name="name_latin" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required />
          </label>
          <label>
            Date of birth
            <input name="date_of_birth" type="date" value={dob} onChange={(e) => setDob(e.target.value)} required />
          </label>
        </>
      ) : (
        <label>
          {kind === 'id' ? 'Record id' : kind === 'phone' ? 'Phone' : 'National ID'}
          <input name="value" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" required />
        </label>
      )}
      <button type="submit">Open</button>
    </form>
  );
}
