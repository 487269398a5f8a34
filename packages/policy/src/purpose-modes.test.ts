import { describe, expect, it } from 'vitest';
import { checkPurposeRules } from './purpose-rules.js';
import { modesAPurposeMayChoose, modeWhenAbsent } from './purpose-modes.js';

describe('the modes a purpose may choose', () => {
  it('for the record id: clear or a pseudonym, never nothing; it goes out in clear when the purpose does not name it', () => {
    expect(modesAPurposeMayChoose('person', 'id')).toEqual(['clear', 'pseudonym']);
    expect(modeWhenAbsent('id')).toBe('clear');
  });

  it('for any other field: exactly what saving a purpose accepts, and nothing when the purpose does not name it', () => {
    const modes = modesAPurposeMayChoose('person', 'date_of_birth');
    expect(modes).toContain('none');
    for (const mode of modes) expect(checkPurposeRules({ person: { date_of_birth: mode } }).filter((i) => i.code !== 'empty')).toEqual([]); // a purpose disclosing nothing at all is refused on its own
    expect(modeWhenAbsent('date_of_birth')).toBe('none');
  });

  it('are none for a field or type that does not exist', () => {
    expect(modesAPurposeMayChoose('person', 'no_such_field')).toEqual([]);
  });
});
