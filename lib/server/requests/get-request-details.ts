import "server-only";
import type { Actor } from "@/lib/auth/roles";
import type { FileKind, RequestStatus, RequestTab, RequestType, SendOption } from "@/lib/generated/sqlite/enums";
import { readBoolean, readRows, readTime, scopeCondition } from "@/lib/server/sql/plain-reads";

// A request has a handful of events; the cap only bounds a pathological history.
export const TIMELINE_LIMIT = 500;

/** Everything the details page shows about one request (the files and the timeline newest first). */
export type RequestDetails = {
  id: string;
  referenceNumber: string;
  requestNumber: string;
  accountNumber: string;
  requestType: RequestType;
  paidAt: Date;
  sendOption: SendOption;
  sendAfter: Date | null;
  lastAttended: string;
  status: RequestStatus;
  tab: RequestTab;
  statusReason: string | null;
  statusChangedAt: Date;
  completedAt: Date | null;
  version: number;
  firstName: string;
  lastName: string;
  oen: string | null;
  createdAt: Date;
  applicant: { id: string; firstName: string; middleName: string | null; lastName: string; dateOfBirth: string; preferredLanguage: string };
  school: { mident: string; nameEn: string; nameFr: string; board: { number: string; nameEn: string; nameFr: string; autoTrmsEnabled: boolean } };
  destinations: { college: { code: string; nameEn: string; nameFr: string } }[];
  files: { id: string; kind: FileKind; originalName: string; size: number; createdAt: Date; uploadedBy: { displayName: string } | null }[];
  events: { id: string; type: string; actorLabel: string | null; data: string | null; createdAt: Date; actor: { displayName: string } | null }[];
};

const text = (value: unknown) => String(value);
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));
const timeOrNull = (value: unknown) => (value === null || value === undefined ? null : readTime(value));
const named = (value: unknown) => (value === null || value === undefined ? null : { displayName: String(value) });

/**
 * Everything the details page shows about one request, timeline newest first; null when the reference is unknown
 * or outside the actor's scope (the page answers 404 either way, so a guess learns nothing).
 *
 * Plain SQL on the read connection (lib/server/sql/plain-reads.ts), not Prisma: compiling this query's five
 * relations cost about 4 ms of CPU a details page, an eighth of the page (issue 21, docs/decisions/0021). Scope is in
 * the first query's WHERE; the other three read only that request's rows. tests/integration/request-details.test.ts
 * checks every seeded request against the same read through Prisma.
 */
export async function getRequestDetails(options: {
  actor: Pick<Actor, "role" | "boardId" | "schoolId">;
  referenceNumber: string;
}): Promise<RequestDetails | null> {
  const referenceNumber = options.referenceNumber.trim().toUpperCase();
  if (referenceNumber === "" || referenceNumber.length > 40) return null;
  const scope = scopeCondition(options.actor, { board: `r."boardId"`, school: `r."schoolId"` });
  const [row] = await readRows(
    `SELECT r."id", r."referenceNumber", r."requestNumber", r."accountNumber", r."requestType", r."paidAt", r."sendOption",
            r."sendAfter", r."lastAttended", r."status", r."tab", r."statusReason", r."statusChangedAt", r."completedAt",
            r."version", r."firstName", r."lastName", r."oen", r."createdAt",
            a."id", a."firstName", a."middleName", a."lastName", a."dateOfBirth", a."preferredLanguage",
            s."mident", s."nameEn", s."nameFr",
            b."number", b."nameEn", b."nameFr", b."autoTrmsEnabled"
       FROM "TranscriptRequest" r
       JOIN "Applicant" a ON a."id" = r."applicantId"
       JOIN "School" s ON s."id" = r."schoolId"
       JOIN "Board" b ON b."id" = s."boardId"
      WHERE r."referenceNumber" = ? AND ${scope.sql}`,
    [referenceNumber, ...scope.values],
  );
  if (!row) return null;
  const id = text(row[0]);
  const [destinations, files, events] = await Promise.all([
    readRows(
      `SELECT c."code", c."nameEn", c."nameFr"
         FROM "RequestDestination" d JOIN "College" c ON c."id" = d."collegeId"
        WHERE d."requestId" = ?
        ORDER BY c."code" ASC`,
      [id],
    ),
    readRows(
      `SELECT f."id", f."kind", f."originalName", f."size", f."createdAt", u."displayName"
         FROM "UploadedFile" f LEFT JOIN "User" u ON u."id" = f."uploadedById"
        WHERE f."requestId" = ?
        ORDER BY f."createdAt" DESC, f."id" DESC`,
      [id],
    ),
    readRows(
      `SELECT e."id", e."type", e."actorLabel", e."data", e."createdAt", u."displayName"
         FROM "TimelineEvent" e LEFT JOIN "User" u ON u."id" = e."actorId"
        WHERE e."requestId" = ?
        ORDER BY e."createdAt" DESC, e."id" DESC
        LIMIT ${TIMELINE_LIMIT}`,
      [id],
    ),
  ]);
  return {
    id,
    referenceNumber: text(row[1]),
    requestNumber: text(row[2]),
    accountNumber: text(row[3]),
    requestType: text(row[4]) as RequestType,
    paidAt: readTime(row[5]),
    sendOption: text(row[6]) as SendOption,
    sendAfter: timeOrNull(row[7]),
    lastAttended: text(row[8]),
    status: text(row[9]) as RequestStatus,
    tab: text(row[10]) as RequestTab,
    statusReason: textOrNull(row[11]),
    statusChangedAt: readTime(row[12]),
    completedAt: timeOrNull(row[13]),
    version: Number(row[14]),
    firstName: text(row[15]),
    lastName: text(row[16]),
    oen: textOrNull(row[17]),
    createdAt: readTime(row[18]),
    applicant: {
      id: text(row[19]),
      firstName: text(row[20]),
      middleName: textOrNull(row[21]),
      lastName: text(row[22]),
      dateOfBirth: text(row[23]),
      preferredLanguage: text(row[24]),
    },
    school: {
      mident: text(row[25]),
      nameEn: text(row[26]),
      nameFr: text(row[27]),
      board: { number: text(row[28]), nameEn: text(row[29]), nameFr: text(row[30]), autoTrmsEnabled: readBoolean(row[31]) },
    },
    destinations: destinations.map((d) => ({ college: { code: text(d[0]), nameEn: text(d[1]), nameFr: text(d[2]) } })),
    files: files.map((f) => ({
      id: text(f[0]),
      kind: text(f[1]) as FileKind,
      originalName: text(f[2]),
      size: Number(f[3]),
      createdAt: readTime(f[4]),
      uploadedBy: named(f[5]),
    })),
    events: events.map((e) => ({
      id: text(e[0]),
      type: text(e[1]),
      actorLabel: textOrNull(e[2]),
      data: textOrNull(e[3]),
      createdAt: readTime(e[4]),
      actor: named(e[5]),
    })),
  };
}
