// Module resolution hook for plain Node scripts (the benchmark, the crash tests' child processes): `server-only` (a
// marker that throws outside a React Server environment) resolves to an empty module, so that lib/server/** can be
// imported outside Next.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return nextResolve(specifier, context);
}
