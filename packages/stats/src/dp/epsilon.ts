import { MAX_EPSILON_MICRO, MICRO, MIN_EPSILON_MICRO } from '../constants.js';
import { StatsError } from '../errors.js';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * ε in millionths from a decimal (`0.5` → 500000), refusing more than six decimals or values
 * outside [0.01, 10], so that budgets add up exactly.
 */
export function epsilonMicro(epsilon: number | string): number {
  const text = String(epsilon).trim();
  if (!/^\d+(\.\d{1,6})?$/.test(text)) throw new StatsError('ERR_PARAMETER', 'ε is a decimal with at most six decimals');
  const [whole = '0', frac = ''] = text.split('.');
  const micro = Number(whole) * MICRO + Number(frac.padEnd(6, '0'));
  if (!(micro >= MIN_EPSILON_MICRO && micro <= MAX_EPSILON_MICRO)) throw new StatsError('ERR_PARAMETER', 'ε must be between 0.01 and 10');
  return micro;
}

/** ε in millionths as a decimal string (`500000` → `"0.5"`). */
export function formatEpsilon(micro: number): string {
  const whole = Math.floor(micro / MICRO);
  const frac = String(micro % MICRO)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/**
 * The per-cell privacy parameter ε/Δ as a fraction s/t in lowest terms, for a release of ε (in
 * millionths) whose L1 sensitivity is `sensitivity` (the contribution bound times the number of
 * measured levels).
 */
export function perCellParameter(epsilonMicroValue: number, sensitivity: number): { s: number; t: number } {
  const t0 = MICRO * sensitivity;
  const g = gcd(epsilonMicroValue, t0);
  return { s: epsilonMicroValue / g, t: t0 / g };
}
