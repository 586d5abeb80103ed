import "server-only";
import { db } from "@/lib/db";
import { renderRequestToProcess } from "@/lib/email/notification-emails";
import { env } from "@/lib/env";
import { queueRenderedEmails } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { findRecipients, REQUEST_LINE_SELECT, requestLine } from "./recipients";

// "Notify me of each request to process" (contracts §8): one email per request that enters To Do in the user's scope
// — a new request of a board without Auto-TRMS, a Send-at-End-of-Semester request released, a request Auto-TRMS
// could not process — sent when it arrives. Once per user and request, ever (the email's key).

export type ToProcessResult = { emails: number } | { skipped: "unknownRequest" | "notInTodo" | "autoTrmsPending" | "deferred" };

export async function notifyRequestToProcess(options: {
  requestId: string;
  trigger: "created" | "released" | "autoTrmsFailed";
  now?: Date;
}): Promise<ToProcessResult> {
  const now = options.now ?? new Date();
  const request = await db.transcriptRequest.findUnique({
    where: { id: options.requestId },
    select: { ...REQUEST_LINE_SELECT, tab: true, boardId: true, schoolId: true, sendAfter: true, board: { select: { autoTrmsEnabled: true } } },
  });
  if (!request) return { skipped: "unknownRequest" };
  if (request.tab !== "TODO") return { skipped: "notInTodo" };
  // Not yet the school's: Auto-TRMS tries it first (its failure comes as its own event), or it waits for its date.
  if (options.trigger !== "autoTrmsFailed" && request.board.autoTrmsEnabled && request.status === "ACTION_REQUIRED") return { skipped: "autoTrmsPending" };
  if (options.trigger === "created" && request.sendAfter && request.sendAfter > now) return { skipped: "deferred" };

  // Those whose dashboard shows it: OCAS, its board's users, its school's users.
  const recipients = await findRecipients(
    { eachRequest: true },
    {
      OR: [
        { role: "OCAS_ADMIN" },
        { role: { in: ["BOARD_ADMIN", "BOARD_USER"] }, boardId: request.boardId },
        { role: "SCHOOL_USER", schoolId: request.schoolId },
      ],
    },
  );
  const appUrl = env().APP_URL;
  const emails = recipients.flatMap((r) => {
    const line = requestLine(request, r.locale, now);
    const requestDate = new Intl.DateTimeFormat(r.locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "medium", timeZone: "America/Toronto" }).format(
      request.paidAt,
    );
    const rendered = renderRequestToProcess({ appUrl, locale: r.locale, name: r.name, request: { ...line, requestDate } });
    return r.addresses.map((to) => ({ to, template: "requestToProcess" as const, locale: r.locale, rendered, dedupeKey: `each:${r.id}:${request.id}:${to}` }));
  });
  const queued = await db.$transaction((tx) => queueRenderedEmails(tx, emails, now));
  if (queued > 0) signalBackgroundWork();
  return { emails: queued };
}
