import { uniformInt, type RandomSource } from './random.js';

/** True with probability num/den (0 ≤ num ≤ den), exactly. */
export function bernoulli(random: RandomSource, num: number, den: number): boolean {
  if (!(num >= 0 && num <= den)) throw new TypeError('bernoulli needs 0 ≤ num ≤ den');
  return uniformInt(random, den) < num;
}

/**
 * True with probability exp(−num/den), exactly, using only uniform integers (Canonne, Kamath and
 * Steinke, "The Discrete Gaussian for Differential Privacy", NeurIPS 2020, Algorithm 1): for γ ≤ 1,
 * draw Bernoulli(γ/k) for k = 1, 2, … until one fails; the number of successes is even with
 * probability exp(−γ). For γ > 1, exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)).
 */
export function bernoulliExpNeg(random: RandomSource, num: number, den: number): boolean {
  if (!(Number.isSafeInteger(num) && Number.isSafeInteger(den) && num >= 0 && den >= 1)) throw new TypeError('bernoulliExpNeg needs integers num ≥ 0, den ≥ 1');
  if (num <= den) {
    let k = 1;
    while (bernoulli(random, num, den * k)) k++;
    return k % 2 === 1;
  }
  const whole = Math.floor(num / den);
  for (let i = 0; i < whole; i++) if (!bernoulliExpNeg(random, 1, 1)) return false;
  return bernoulliExpNeg(random, num - whole * den, den);
}
