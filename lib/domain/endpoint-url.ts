// The rule for an address TRMS sends a secret to (a board's SIS, a college's delivery endpoint): HTTPS, because the
// secret or its signature travels with every request; plain HTTP only to the machine itself outside production (the
// test doubles of the demo and the tests); never a user name or password in the address, where it would be stored
// and shown in clear. Each feature turns the problem into its own message key.

export type EndpointUrlProblem = "tooLong" | "invalid" | "credentials" | "https" | "httpsOrLocal";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** What is wrong with `value` as an endpoint address, or null when it may be used. */
export function endpointUrlRule(value: string, options: { production: boolean; maxLength: number }): EndpointUrlProblem | null {
  if (value.length > options.maxLength) return "tooLong";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "invalid";
  }
  if (url.username || url.password) return "credentials";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && !options.production && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return options.production ? "https" : "httpsOrLocal";
}

/** The message key suffix of each problem (`…errors.urlTooLong`, …). */
export const ENDPOINT_URL_MESSAGE: Record<EndpointUrlProblem, string> = {
  tooLong: "urlTooLong",
  invalid: "urlInvalid",
  credentials: "urlCredentials",
  https: "urlHttps",
  httpsOrLocal: "urlHttpsOrLocal",
};
