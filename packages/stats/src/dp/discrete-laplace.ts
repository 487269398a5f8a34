import { bernoulli, bernoulliExpNeg } from './bernoulli.js';
import { uniformInt, type RandomSource } from './random.js';

/**
 * A sample of the discrete Laplace (two-sided geometric) distribution with scale t/s:
 * P(X = x) = (1 − α)/(1 + α) · α^|x| with α = exp(−s/t). Adding it to a count of L1 sensitivity Δ
 * gives ε-differential privacy when s/t = ε/Δ (Ghosh, Roughgarden and Sundararajan 2009).
 *
 * Exact, with integers only (Canonne, Kamath and Steinke 2020, Algorithm 2): draw U uniform below t
 * and accept it with probability exp(−U/t), add t times a geometric count of exp(−1) successes,
 * divide by s, and give it a random sign (rejecting "−0" so that zero is not counted twice).
 *
 * @param s numerator of 1/scale (ε's share), a positive integer
 * @param t denominator of 1/scale, a positive integer
 */
export function discreteLaplace(random: RandomSource, s: number, t: number): number {
  if (!(Number.isSafeInteger(s) && Number.isSafeInteger(t) && s >= 1 && t >= 1)) throw new TypeError('discreteLaplace needs positive integers s and t');
  for (;;) {
    const u = uniformInt(random, t);
    if (!bernoulliExpNeg(random, u, t)) continue;
    let v = 0;
    while (bernoulliExpNeg(random, 1, 1)) v++;
    const y = Math.floor((u + t * v) / s);
    const negative = bernoulli(random, 1, 2);
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/** P(X = x) of {@link discreteLaplace} with scale t/s (for tests and documentation). */
export function discreteLaplacePmf(x: number, s: number, t: number): number {
  const alpha = Math.exp(-s / t);
  return ((1 - alpha) / (1 + alpha)) * alpha ** Math.abs(x);
}
