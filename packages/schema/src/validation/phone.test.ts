import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  it.each([
    ['+85512345678', '+85512345678'],
    ['012 345 678', '+85512345678'],
    ['012-345-678', '+85512345678'],
    ['012.345.678', '+85512345678'],
    ['(012) 345 678', '+85512345678'],
    ['+855 12 345 678', '+85512345678'],
    ['+855 (0)12 345 678', '+85512345678'],
    ['+855 012 345 678', '+85512345678'],
    ['855 12 345 678', '+85512345678'],
    ['00855 12 345 678', '+85512345678'],
    ['097 7123 456', '+855977123456'],
    ['+855 97 712 3456', '+855977123456'],
    ['023 880 123', '+85523880123'], // Phnom Penh landline
    ['០១២ ៣៤៥ ៦៧៨', '+85512345678'], // Khmer digits
    ['085 512 345', '+85585512345'], // a local number whose prefix looks like the country code
  ])('reads %s as %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['12 345 678', 'no trunk 0 or country code'],
    ['+1 202 555 0100', 'another country'],
    ['+66 81 234 5678', 'another country'],
    ['012 345 67', 'too short'],
    ['097 7123 4567', 'too long'],
    ['+855 0', 'only a trunk prefix'],
    ['012 345 678 ext 2', 'letters'],
    ['012+345678', 'plus inside'],
    ['0' + '1'.repeat(40), 'absurdly long'],
  ])('refuses %s (%s)', (input) => {
    expect(normalisePhone(input)).toBeUndefined();
  });
});
