/**
 * Reads the field lists of FORMAT.md's "Entries" section, so tests can hold every builder to the
 * document verifiers read. Test support only: not exported by the package.
 */

/** The fields one documented entry shape has: always, or only when they apply. */
export interface DocumentedShape {
  readonly required: ReadonlySet<string>;
  readonly optional: ReadonlySet<string>;
}

const HEADING = /^### `([a-z_]+)`(?: \(outcome `([a-z_]+)`\))?\s*$/;
const FIELD_ROW = /^\| `([a-z0-9_]+)` \| (.*?) \|/;
const EVENT_ROW = /^\| `([a-z_]+)` \| (.*) \|\s*$/;

/**
 * Every documented entry shape, keyed `kind`, `kind/outcome` (tokens) or `kind/event` (viewer):
 * a field table gives the shape's fields (`*optional*` in the type column marks the optional ones);
 * under `viewer`, each row of the event table adds its fields (values in parentheses skipped) to the
 * common ones, those after `*optional*` in the row as optional.
 */
export function documentedShapes(format: string): Map<string, DocumentedShape> {
  const section = format.slice(format.indexOf('## Entries'), format.indexOf('## Checkpoint'));
  const shapes = new Map<string, DocumentedShape>();
  let key: string | undefined;
  let common: { required: Set<string>; optional: Set<string> } | undefined;
  let inEvents = false;
  for (const line of section.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading !== null) {
      key = heading[2] === undefined ? heading[1] : `${heading[1]}/${heading[2]}`;
      common = { required: new Set(), optional: new Set() };
      inEvents = false;
      continue;
    }
    if (key === undefined || common === undefined) continue;
    if (line.startsWith('| event |')) {
      // The common table is not a shape of its own: only its events are.
      shapes.delete(key);
      inEvents = true;
      continue;
    }
    if (inEvents) {
      const row = EVENT_ROW.exec(line);
      if (row === null) continue;
      const [required = '', optional = ''] = (row[2] ?? '').replace(/\([^)]*\)/g, '').split('*optional*');
      const names = (text: string) => [...text.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? '');
      shapes.set(`${key}/${row[1]}`, {
        required: new Set([...common.required, ...names(required)]),
        optional: new Set([...common.optional, ...names(optional)]),
      });
      continue;
    }
    const row = FIELD_ROW.exec(line);
    if (row === null) continue;
    (row[2]?.includes('*optional*') ? common.optional : common.required).add(row[1] ?? '');
    shapes.set(key, common);
  }
  return shapes;
}

/** The problems of `entry` against `shape`: a documented field missing, or a field the document does not name. */
export function shapeProblems(entry: object, shape: DocumentedShape): string[] {
  const keys = new Set(Object.keys(entry));
  return [
    ...[...shape.required].filter((f) => !keys.has(f)).map((f) => `missing ${f}`),
    ...[...keys].filter((k) => !shape.required.has(k) && !shape.optional.has(k)).map((k) => `undocumented ${k}`),
  ];
}
