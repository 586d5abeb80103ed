// Runs once when a server process starts: a bad or missing setting stops start-up here with a message naming it.
// Then the background runtime starts with the app's functions (a composition root: only here, the Inngest route and
// the test setup import them). With an Inngest server configured it dispatches the outbox there; otherwise the
// functions run in this process, durably (contracts §6, docs/decisions/0011).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, inngestServerConfigured } = await import("./lib/env");
  const settings = env();
  // `next build` loads this file too; only a serving process runs anything.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  (await import("./lib/runtime/v8-flags")).applyServerV8Flags();
  const [{ functions }, { inngest }, { ensureBackgroundRuntime }] = await Promise.all([
    import("./inngest/index"),
    import("./inngest/client"),
    import("./lib/inngest/runtime"),
  ]);
  const runtime = ensureBackgroundRuntime({
    functions,
    inngest: inngestServerConfigured(settings) ? { send: (events) => inngest.send(events) } : null,
    schedule: !settings.TRMS_DISABLE_SCHEDULER,
    runner: { slots: settings.TRMS_RUNNER_SLOTS, leaseMs: settings.TRMS_RUNNER_LEASE_SECONDS * 1000 },
  });
  const scheduled = runtime.scheduler?.scheduled.map((s) => s.functionId).join(", ");
  console.log(
    runtime.mode === "inngest"
      ? "[jobs] background events go to the Inngest server"
      : `[jobs] background functions run in this process${scheduled ? `; scheduled: ${scheduled}` : "; no scheduler"}`,
  );
}
