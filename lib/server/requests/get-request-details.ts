import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";

// A request has a handful of events; the cap only bounds a pathological history.
const TIMELINE_LIMIT = 500;

const DETAILS_SELECT = {
  id: true,
  referenceNumber: true,
  requestNumber: true,
  accountNumber: true,
  requestType: true,
  paidAt: true,
  sendOption: true,
  sendAfter: true,
  lastAttended: true,
  status: true,
  tab: true,
  statusReason: true,
  statusChangedAt: true,
  completedAt: true,
  version: true,
  firstName: true,
  lastName: true,
  oen: true,
  createdAt: true,
  applicant: { select: { id: true, firstName: true, middleName: true, lastName: true, dateOfBirth: true, preferredLanguage: true } },
  school: { select: { mident: true, nameEn: true, nameFr: true, board: { select: { number: true, nameEn: true, nameFr: true, autoTrmsEnabled: true } } } },
  destinations: { select: { college: { select: { code: true, nameEn: true, nameFr: true } } }, orderBy: { college: { code: "asc" } } },
  files: {
    select: { id: true, kind: true, originalName: true, size: true, createdAt: true, uploadedBy: { select: { displayName: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  },
  events: {
    select: { id: true, type: true, actorLabel: true, data: true, createdAt: true, actor: { select: { displayName: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TIMELINE_LIMIT,
  },
} satisfies Prisma.TranscriptRequestSelect;

export type RequestDetails = NonNullable<Awaited<ReturnType<typeof findDetails>>>;

function findDetails(actor: Pick<Actor, "role" | "boardId" | "schoolId">, referenceNumber: string) {
  return db.transcriptRequest.findFirst({ where: { AND: [{ referenceNumber }, requestScope(actor)] }, select: DETAILS_SELECT });
}

/**
 * Everything the details page shows about one request, timeline newest first; null when the reference is unknown
 * or outside the actor's scope (the page answers 404 either way, so a guess learns nothing).
 */
export async function getRequestDetails(options: {
  actor: Pick<Actor, "role" | "boardId" | "schoolId">;
  referenceNumber: string;
}): Promise<RequestDetails | null> {
  const referenceNumber = options.referenceNumber.trim().toUpperCase();
  if (referenceNumber === "" || referenceNumber.length > 40) return null;
  return findDetails(options.actor, referenceNumber);
}
