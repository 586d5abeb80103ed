import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/index";
import { inngestServerConfigured } from "@/lib/env";

export const dynamic = "force-dynamic";

// A composition root: the Inngest server calls the functions here. Without one they run in-process (ADR 0011) and
// nothing should call this endpoint; the SDK would answer 500 ("no signing key"), so say plainly what is going on.
const handlers = serve({ client: inngest, functions });

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;

const guarded =
  (handler: Handler): Handler =>
  (request, context) =>
    inngestServerConfigured()
      ? handler(request, context)
      : Promise.resolve(
          Response.json({ error: "not_configured", message: "No Inngest server is configured: background functions run in-process." }, { status: 503 }),
        );

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
export const PUT = guarded(handlers.PUT);
