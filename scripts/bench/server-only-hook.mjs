// Module resolution hook for the benchmark: `server-only` (a marker that throws outside a React Server
// environment) resolves to an empty module, so that lib/server/** can be imported by a plain Node script.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return nextResolve(specifier, context);
}
