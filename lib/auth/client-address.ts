import proxyaddr from "proxy-addr";

// The client's address (sign-in and forgot-password throttling). The production server (scripts/serve.mjs) puts the
// socket's address in `x-trms-peer`; X-Forwarded-For hops are believed only while the hop that added them is a
// configured proxy (TRUSTED_PROXIES: addresses, CIDR ranges or proxy-addr's names loopback, linklocal,
// uniquelocal): the client is the right-most address not a trusted proxy. Nobody else can choose the address that
// is counted. Without the peer header (`next dev`), the right-most hop stands in for it.

export const PEER_HEADER = "x-trms-peer";

type Trust = (address: string, index: number) => boolean;
const compiled = new Map<string, Trust>();

function trustOf(list: string | undefined): Trust {
  const key = list ?? "";
  let trust = compiled.get(key);
  if (!trust) {
    const entries = key
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    trust = entries.length > 0 ? proxyaddr.compile(entries) : () => false;
    compiled.set(key, trust);
  }
  return trust;
}

/** Throws on a TRUSTED_PROXIES entry that is not an address, a range or a known name. */
export function checkTrustedProxies(list: string | undefined): void {
  trustOf(list);
}

export function clientAddress(headers: Headers, trustedProxies: string | undefined = process.env.TRUSTED_PROXIES): string {
  const forwarded = headers.get("x-forwarded-for") ?? "";
  const hops = forwarded
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const peer = headers.get(PEER_HEADER)?.trim() || hops.pop() || "unknown";
  const request = { headers: { "x-forwarded-for": hops.join(", ") }, connection: { remoteAddress: peer }, socket: { remoteAddress: peer } };
  try {
    return normalise(proxyaddr(request as never, trustOf(trustedProxies)));
  } catch {
    return normalise(peer);
  }
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as IPv4, so that one client is one key; anything odd is cut short. */
function normalise(address: string): string {
  const a = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return /^[0-9a-f:.]{2,45}$/i.test(a) ? a.toLowerCase() : "unknown";
}
