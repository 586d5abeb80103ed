import fs from "node:fs";
import { cron, Inngest } from "inngest";

// Functions of the crash tests' child processes (runtime-child.ts): each appends what it did to a file shared by every
// process (O_APPEND: whole lines), with the process id, so that the test counts what ran where, and how often.

const client = new Inngest({ id: "trms-crash-test", logger: { info() {}, warn() {}, error() {}, debug() {} } });

function record(line: string) {
  fs.appendFileSync(process.env.CRASH_RECORD_FILE!, `${line} ${process.pid}\n`);
}

/** Records each event once per run. */
export const recordFunction = client.createFunction({ id: "crash-record", triggers: [{ event: "crash-test/record" }] }, async ({ event, step }) =>
  step.run("record", () => record(`event ${event.id}`)),
);

/** Records a first step, then a slow second one: a process killed during the second must not repeat the first. */
export const twoStepsFunction = client.createFunction({ id: "crash-two-steps", triggers: [{ event: "crash-test/two-steps" }] }, async ({ event, step }) => {
  await step.run("first", () => record(`first ${event.id}`));
  await step.run("second", async () => {
    record(`second-started ${event.id}`);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.CRASH_SECOND_STEP_MS ?? 0)));
    record(`second ${event.id}`);
  });
});

/** Every second: each tick must run once across the processes. */
export const everySecondFunction = client.createFunction({ id: "crash-every-second", triggers: [cron("* * * * * *")] }, async ({ event, step }) =>
  step.run("tick", () => record(`tick ${event.id}`)),
);

export const crashFunctions = [recordFunction, twoStepsFunction, everySecondFunction];
