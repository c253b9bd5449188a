// How long a temporarily failing message waits before its next attempt: exponential (base, 2×base,
// 4×base, … up to the maximum) with ±25 % jitter so messages that failed together do not all
// come back at the same instant.
import { env } from '../env';

export function retryDelaySeconds(attemptsSoFar: number, random: () => number = Math.random): number {
  const { MAILROOM_RETRY_BASE_SECONDS: base, MAILROOM_RETRY_MAX_SECONDS: max } = env();
  const exponential = Math.min(max, base * 2 ** Math.max(0, attemptsSoFar - 1));
  return exponential * (0.75 + random() * 0.5);
}
