// Runs once when a server process starts: a bad or missing setting stops start-up here with a message naming it.
// Then, on the embedded default (no Inngest server configured), the in-process scheduler starts running the cron
// functions (contracts §6, docs/decisions/0006-in-process-inngest-runner.md).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, inngestServerConfigured } = await import("./lib/env");
  const settings = env();
  // `next build` loads this file too; only a serving process schedules anything.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (settings.TRMS_DISABLE_SCHEDULER || inngestServerConfigured(settings)) return;
  const { startEmbeddedScheduler } = await import("./lib/inngest/embedded");
  const scheduler = await startEmbeddedScheduler();
  console.log(`[jobs] in-process scheduler started: ${scheduler.scheduled.map((s) => s.functionId).join(", ") || "no scheduled functions"}`);
}
