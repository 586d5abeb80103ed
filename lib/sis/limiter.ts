// Bounded concurrency: at most `limit` calls at once per key (a board's SIS), the others wait their turn in order.
// In-process: each app instance bounds its own calls (the Inngest function's concurrency bounds them across instances).

export type Limiter = {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Calls running now for `key` (tests). */
  active(key: string): number;
};

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a positive whole number");
  const lanes = new Map<string, { active: number; waiting: (() => void)[] }>();

  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      let lane = lanes.get(key);
      if (!lane) {
        lane = { active: 0, waiting: [] };
        lanes.set(key, lane);
      }
      const own = lane;
      // A finishing call hands its slot straight to the first waiter, so a newcomer can never slip in between.
      if (own.active >= limit) await new Promise<void>((resolve) => own.waiting.push(resolve));
      else own.active++;
      try {
        return await work();
      } finally {
        const next = own.waiting.shift();
        if (next) next();
        else if (--own.active === 0) lanes.delete(key);
      }
    },
    active: (key) => lanes.get(key)?.active ?? 0,
  };
}
