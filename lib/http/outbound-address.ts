import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env, loopbackHttpAllowed } from "@/lib/env";

// Where TRMS may connect when it calls an address an administrator typed (a board's SIS, a college's delivery URL,
// "Test connection"): server-side request forgery (docs/decisions/0020). In production only public unicast
// addresses — never loopback, private, link-local (169.254.169.254, the cloud metadata service), carrier-grade
// NAT, multicast or reserved ranges, IPv4-mapped or not — plus loopback when TRMS_ALLOW_LOOPBACK_HTTP says so (the
// demo's local doubles). The check runs on the addresses the name resolves to, in the `lookup` the connection
// itself uses, so the address checked is the address connected to (no second resolution to rebind).

export type OutboundPolicy = { production: boolean; allowLoopback: boolean };

export class DestinationRefusedError extends Error {
  code = "EDESTINATION";
  constructor(address: string) {
    super(`connections to ${address} are not allowed`);
    this.name = "DestinationRefusedError";
  }
}

/** Whether TRMS may connect to this IP address under the policy. */
export function addressAllowed(address: string, policy: OutboundPolicy): boolean {
  if (!policy.production) return true;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  const range = parsed.range();
  if (range === "unicast") return true;
  return range === "loopback" && policy.allowLoopback;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for http(s).request that refuses the addresses the policy does not allow. */
export function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => !addressAllowed(a.address, policy));
      if (refused || list.length === 0) return callback(new DestinationRefusedError(refused?.address ?? hostname), "", 0);
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * Checks a URL's host before connecting: a literal IP address (which `lookup` never sees) against the policy.
 * Returns the refused address, or null.
 */
export function refusedLiteralHost(url: URL, policy: OutboundPolicy): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!net.isIP(host)) return null;
  return addressAllowed(host, policy) ? null : host;
}

/** The policy of this process: production refuses non-public addresses; TRMS_ALLOW_LOOPBACK_HTTP lets loopback in. */
export function outboundPolicy(): OutboundPolicy {
  return { production: env().NODE_ENV === "production", allowLoopback: loopbackHttpAllowed() };
}
