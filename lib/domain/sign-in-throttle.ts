// Throttling of failed sign-ins, per account and per address: a few mistakes cost nothing, then each attempt is
// slowed, then the key is blocked for a while that doubles with each further failure. Blocks lift by themselves.

export type ThrottlePolicy = {
  /** Failures are counted within this window; a quiet window starts the count again. */
  windowMs: number;
  /** Failures after which each further attempt is delayed. */
  slowAfter: number;
  slowDelayMs: number;
  /** Failures after which the key is blocked. */
  blockAfter: number;
  baseBlockMs: number;
  maxBlockMs: number;
};

export const ACCOUNT_POLICY: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  slowAfter: 3,
  slowDelayMs: 1_000,
  blockAfter: 5,
  baseBlockMs: 60_000,
  maxBlockMs: 15 * 60_000,
};

// An address may be shared by a whole school office: a looser limit.
export const ADDRESS_POLICY: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  slowAfter: 10,
  slowDelayMs: 1_000,
  blockAfter: 20,
  baseBlockMs: 60_000,
  maxBlockMs: 15 * 60_000,
};

export type ThrottleState = { failures: number; windowStart: Date; blockedUntil: Date | null };

export type ThrottleVerdict = { kind: "allow"; delayMs: number } | { kind: "blocked"; retryAfterMs: number };

export function verdict(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleVerdict {
  if (!state) return { kind: "allow", delayMs: 0 };
  if (state.blockedUntil && state.blockedUntil > now) {
    return { kind: "blocked", retryAfterMs: state.blockedUntil.getTime() - now.getTime() };
  }
  const failures = activeFailures(state, now, policy);
  return { kind: "allow", delayMs: failures >= policy.slowAfter ? policy.slowDelayMs : 0 };
}

export function afterFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const previous = state ? activeFailures(state, now, policy) : 0;
  const failures = previous + 1;
  const windowStart = previous === 0 || !state ? now : state.windowStart;
  let blockedUntil: Date | null = null;
  if (failures >= policy.blockAfter) {
    const doublings = failures - policy.blockAfter;
    const ms = Math.min(policy.baseBlockMs * 2 ** doublings, policy.maxBlockMs);
    blockedUntil = new Date(now.getTime() + ms);
  }
  return { failures, windowStart, blockedUntil };
}

function activeFailures(state: ThrottleState, now: Date, policy: ThrottlePolicy): number {
  const windowOver = now.getTime() - state.windowStart.getTime() > policy.windowMs;
  const blockOver = state.blockedUntil !== null && state.blockedUntil <= now;
  // Once a block has lifted the next failure blocks again at once, but for longer; a quiet window forgets all.
  if (windowOver && !blockOver) return 0;
  if (windowOver && blockOver && now.getTime() - state.blockedUntil!.getTime() > policy.windowMs) return 0;
  return state.failures;
}

// "Forgot password" (docs/decisions/0020) counts every form sent, not failures. Per address of the client: a school
// office may share one, so ten in a quarter of an hour. Per email address: three links in an hour, then a quiet hour — past
// that, the form answers as always but sends nothing more (nobody floods an inbox, and nothing tells whether the
// address has an account).
export const FORGOT_ADDRESS_POLICY: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  slowAfter: 1_000,
  slowDelayMs: 0,
  blockAfter: 10,
  baseBlockMs: 15 * 60_000,
  maxBlockMs: 60 * 60_000,
};

export const FORGOT_EMAIL_POLICY: ThrottlePolicy = {
  windowMs: 60 * 60_000,
  slowAfter: 1_000,
  slowDelayMs: 0,
  blockAfter: 3,
  baseBlockMs: 60 * 60_000,
  maxBlockMs: 6 * 60 * 60_000,
};
