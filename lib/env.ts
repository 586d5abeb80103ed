import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "@/lib/database-url.mjs";
import { checkTrustedProxies } from "@/lib/auth/client-address";
import { parseS3Location } from "@/lib/server/uploads/s3-location";

// Every setting of the app, validated once. A missing or bad value stops start-up with a message naming it.
// `.env.example` lists each one with a safe default.

const DEV_AUTH_SECRET = "development-only-secret-change-me-0123456789abcdef";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .default(DEFAULT_DATABASE_URL)
      .transform((v) => (v === "" ? DEFAULT_DATABASE_URL : v))
      .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must start with file: or postgresql://"),
    // Signs session cookies and derives the key that encrypts board SIS secrets. Required in production.
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    // Public address of the app, used in email links.
    APP_URL: z.url().default("http://localhost:3000"),
    // Bearer key of the intake API (contracts §5). Unset: the intake API answers 503.
    INTAKE_API_KEY: optionalString.pipe(z.string().min(12, "must be at least 12 characters").optional()),
    // Email: Resend when a key is set, otherwise the local outbox (table EmailOutbox).
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: optionalString.pipe(z.url().optional()),
    EMAIL_FROM: z.string().default("TRMS <no-reply@trms.localhost>"),
    // Inngest: with neither set, the same functions run in-process (contracts §6).
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_BASE_URL: optionalString.pipe(z.url().optional()),
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_DEV: optionalString,
    // Where uploaded and transmitted files are kept: outside the web root.
    FILE_STORAGE_DIR: z.string().default("./data/files"),
    // Or S3-compatible object storage shared by every instance (README, "Running at scale"): s3://bucket/prefix.
    // Credentials come from the AWS SDK's chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, a role).
    FILE_STORAGE: optionalString.pipe(
      z
        .string()
        .refine((v) => {
          try {
            parseS3Location(v);
            return true;
          } catch {
            return false;
          }
        }, "must be s3://bucket or s3://bucket/prefix")
        .optional(),
    ),
    // The object store's endpoint when it is not AWS (MinIO, Ceph, a loopback test server…), and its region.
    S3_ENDPOINT: optionalString.pipe(z.url().optional()),
    S3_REGION: z.string().trim().default("us-east-1"),
    // Bucket in the path (http://host/bucket/key) rather than the host name: "true" or "false"; unset, true exactly when
    // S3_ENDPOINT is set (what S3-compatible servers expect).
    S3_FORCE_PATH_STYLE: optionalString.pipe(z.enum(["true", "false"], "must be true or false").optional()),
    // Turns off the in-process scheduler (cron functions) in a process, e.g. a test worker.
    TRMS_DISABLE_SCHEDULER: optionalString,
    // The embedded runner (docs/decisions/0011): runs one process works on at once, and how long a claim holds
    // without renewal (a process that died has its runs taken again after this).
    TRMS_RUNNER_SLOTS: z.coerce.number().int().min(1).max(64).default(8),
    TRMS_RUNNER_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
    // Whether an SIS or college endpoint may be plain HTTP to this machine (localhost, 127.0.0.1, [::1]): "true" or
    // "false"; unset, allowed outside production only. The demo turns it on for its local test doubles.
    TRMS_ALLOW_LOOPBACK_HTTP: optionalString.pipe(z.enum(["true", "false"], "must be true or false").optional()),
    // The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or loopback / linklocal /
    // uniquelocal), comma-separated. Unset: the socket's address is the client's (lib/auth/client-address.ts).
    TRUSTED_PROXIES: optionalString.pipe(
      z
        .string()
        .refine((v) => {
          try {
            checkTrustedProxies(v);
            return true;
          } catch {
            return false;
          }
        }, "must be addresses, CIDR ranges or loopback, linklocal, uniquelocal, separated by commas")
        .optional(),
    ),
  })
  .transform((env, ctx) => {
    const building = process.env.NEXT_PHASE === "phase-production-build";
    if (env.NODE_ENV === "production" && !building) {
      // A production process talks to a real Inngest server, signed: never to a dev server, never unsigned.
      if (env.INNGEST_DEV) {
        ctx.addIssue({ code: "custom", path: ["INNGEST_DEV"], message: "must not be set in production (it turns off request signing)" });
        return z.NEVER;
      }
      if ((env.INNGEST_EVENT_KEY || env.INNGEST_BASE_URL) && !env.INNGEST_SIGNING_KEY) {
        ctx.addIssue({ code: "custom", path: ["INNGEST_SIGNING_KEY"], message: "is required in production when an Inngest server is configured" });
        return z.NEVER;
      }
    }
    if (!env.AUTH_SECRET) {
      // `next build` loads route modules without the deployment's secrets; the server checks again at start-up.
      if (env.NODE_ENV === "production" && !building) {
        ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
        return z.NEVER;
      }
      return { ...env, AUTH_SECRET: DEV_AUTH_SECRET };
    }
    return { ...env, AUTH_SECRET: env.AUTH_SECRET };
  });

export type Env = z.output<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated settings (parsed on first use, which is start-up: instrumentation.ts calls it). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether plain-HTTP endpoints on this machine are accepted (TRMS_ALLOW_LOOPBACK_HTTP). */
export const loopbackHttpAllowed = (e: Env = env()) => (e.TRMS_ALLOW_LOOPBACK_HTTP ? e.TRMS_ALLOW_LOOPBACK_HTTP === "true" : e.NODE_ENV !== "production");

export const inngestServerConfigured = (e: Env = env()) => Boolean(e.INNGEST_EVENT_KEY || e.INNGEST_BASE_URL || e.INNGEST_DEV);
