import "server-only";

// A nudge for the background runtime of this process (lib/inngest/runtime.ts): "there is new work in the database".
// It only makes the work start sooner: the runtime also polls, so a nudge that is lost (a crash right after a commit)
// delays work by a poll interval, never loses it. Kept on globalThis: Next bundles instrumentation.ts apart from the
// routes, and both must reach the same listeners.

type Listener = () => void;
const store = globalThis as unknown as { trmsBackgroundListeners?: Set<Listener> };
const listeners = () => (store.trmsBackgroundListeners ??= new Set());

/** Call after committing a transaction that wrote outbox events or runs. */
export function signalBackgroundWork() {
  for (const listener of listeners()) listener();
}

/** Subscribes the runtime; returns the unsubscribe function. */
export function onBackgroundWork(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
