import { createRoute, z } from '@hono/zod-openapi';
import { ID_FIELD } from '@need2know/deidentify';
import { copyableFieldIssues, modesAPurposeMayChoose, modeWhenAbsent } from '@need2know/policy';
import { DISCLOSURE_MODES, RECORD_TYPES } from '@need2know/schema';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';

const FieldOut = z
  .object({
    name: z.string(),
    kind: z.string(),
    description: z.string(),
    modes: z.array(z.enum(DISCLOSURE_MODES)).openapi({ description: 'Modes a purpose may choose for this field, most revealing first' }),
    when_absent: z.enum(DISCLOSURE_MODES).openapi({ description: 'What a purpose that does not name the field discloses' }),
    generalise: z.string().nullable().openapi({ description: 'What `generalised` keeps (e.g. `age_band`, `commune`)' }),
    derived: z.boolean(),
    copyable: z.boolean().openapi({ description: 'Whether a purpose that discloses the field in clear may mark it "may be copied" (`copyable`)' }),
  })
  .openapi('RecordTypeField');
const RecordTypeOut = z.object({ name: z.string(), title: z.string(), fields: z.array(FieldOut) }).openapi('RecordType');

/** Whether policy lets a purpose that discloses `type.field` in clear mark it copyable. */
const mayBeMarkedCopyable = (type: string, field: string): boolean => copyableFieldIssues({ [type]: { [field]: 'clear' } }, { [type]: [field] }).length === 0;

/** Every record type and, per field, the disclosure modes a purpose may give it. */
export function recordTypeCatalogue() {
  return Object.values(RECORD_TYPES).map((def) => ({
    name: def.name,
    title: def.title,
    fields: [
      {
        name: ID_FIELD,
        kind: 'record_id',
        description: 'Record identifier, so that the partner can refer back',
        modes: modesAPurposeMayChoose(def.name, ID_FIELD),
        when_absent: modeWhenAbsent(ID_FIELD),
        generalise: null,
        derived: false,
        copyable: false,
      },
      ...Object.entries(def.fields).map(([name, f]) => ({
        name,
        kind: f.kind,
        description: f.description,
        modes: modesAPurposeMayChoose(def.name, name),
        when_absent: modeWhenAbsent(name),
        generalise: f.generalise ?? null,
        derived: f.derived === true,
        copyable: mayBeMarkedCopyable(def.name, name),
      })),
    ],
  }));
}

const list = createRoute({
  method: 'get',
  path: '/record-types',
  tags: ['admin'],
  summary: 'Record types and, per field, the disclosure modes a purpose may choose (what the purpose editor offers)',
  security: adminSecurity,
  responses: { 200: jsonOk(z.object({ record_types: z.array(RecordTypeOut) }), 'Record types'), ...adminProblems },
});

export const recordTypeRoutes = adminRouter().openapi(list, (c) => c.json({ record_types: recordTypeCatalogue() }, 200));
