import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CSP, hstsHeader } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Pages get their Content-Security-Policy with a nonce from proxy.ts; everything else (API answers, files) allows
// nothing (docs/decisions/0020). HSTS: proxy.ts for pages, and here when the build knows an https APP_URL.
const hsts = hstsHeader(process.env.APP_URL);
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The production server compresses, at a lower level than Next's (scripts/page-server.mjs, docs/decisions/0021).
  compress: false,
  typedRoutes: false,
  experimental: {
    // Transcript uploads go through a server action: 5 MB files (lib/server/uploads) plus the form's other fields. A
    // file up to this limit gets the action's translated "too large"; above it, proxy.ts answers 413 in the page's
    // language (MAX_ACTION_BODY_BYTES). Next buffers at most 10 MB of a body for the proxy: stay at or under it.
    serverActions: { bodySizeLimit: "10mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: [...securityHeaders, ...(hsts ? [{ key: "Strict-Transport-Security", value: hsts }] : [])] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
