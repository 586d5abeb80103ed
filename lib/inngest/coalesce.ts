// A pass of work that many callers ask for at once (a nudge after each commit, a poll): while a pass runs, further
// calls ask for one more pass after it and share its promise, so the work never runs twice at the same time and a
// request made during a pass is never missed.
export type Coalesced = (() => Promise<void>) & {
  /** Resolves when the pass under way (if any) has ended, whether or not more may be asked for. */
  idle(): Promise<void>;
};

export function coalesced(pass: () => Promise<void>, options: { active: () => boolean; onError: (error: unknown) => void }): Coalesced {
  let current: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (!options.active()) return Promise.resolve();
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && options.active());
      } catch (error) {
        options.onError(error);
      } finally {
        current = null;
      }
    })();
    return current;
  };
  return Object.assign(run, { idle: () => current ?? Promise.resolve() });
}
