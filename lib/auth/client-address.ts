// The client's address for sign-in throttling. Behind a proxy, the first X-Forwarded-For hop is the client;
// `next start` sets the header itself for direct connections.
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
