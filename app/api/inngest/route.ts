import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/index";
import { inngestServerConfigured } from "@/lib/env";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions });

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;

// Without an Inngest server the functions run in-process (ADR 0006) and nothing should call this endpoint; the
// SDK would answer 500 ("no signing key"), so say plainly what is going on instead.
const guarded =
  (handler: Handler): Handler =>
  (request, context) =>
    inngestServerConfigured()
      ? handler(request, context)
      : Promise.resolve(
          Response.json(
            { error: "not_configured", message: "No Inngest server is configured: background functions run in-process." },
            { status: 503 },
          ),
        );

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
export const PUT = guarded(handlers.PUT);
