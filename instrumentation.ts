// Runs once when a server process starts: a bad or missing setting stops start-up here with a message naming it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
}
