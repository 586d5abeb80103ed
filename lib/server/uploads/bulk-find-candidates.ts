import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { BULK_OPEN_STATUSES, foldedNames, trackingReference } from "@/lib/domain/bulk-match";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import type { RequestStatus } from "@/lib/domain/statuses";

// More than this many requests of one person in one scope is "several" anyway; the cap keeps a common name cheap.
const PER_QUERY = 10;

const SELECT = {
  id: true,
  referenceNumber: true,
  version: true,
  status: true,
  sendOption: true,
  sendAfter: true,
  firstName: true,
  lastName: true,
  oen: true,
  applicant: { select: { dateOfBirth: true, gender: true } },
} as const;

export type BulkCandidateRow = {
  id: string;
  referenceNumber: string;
  version: number;
  status: RequestStatus;
  sendOption: string;
  sendAfter: Date | null;
  firstName: string;
  lastName: string;
  oen: string | null;
  dateOfBirth: string;
  gender: string;
};

/**
 * The requests a transcript may belong to, inside the actor's scope and nothing else: the one its
 * RequestTrackingID names (unique reference number, whatever its status, so that the user learns why it cannot be
 * used), and the open requests of the same person — by OEN (the OEN index) when the file has one, and by folded
 * first and last name (the name index) for requests without an OEN or a file without one.
 */
export async function findBulkCandidates(options: {
  actor: Pick<Actor, "role" | "boardId" | "schoolId">;
  transcript: Transcript;
}): Promise<BulkCandidateRow[]> {
  const { transcript } = options;
  const scope = requestScope(options.actor);
  const open = { status: { in: [...BULK_OPEN_STATUSES] } };
  const reference = trackingReference(transcript);
  const oen = transcript.student.oen;
  const names = foldedNames(transcript);

  const [named, byOen, byName] = await Promise.all([
    reference ? db.transcriptRequest.findMany({ where: { AND: [{ referenceNumber: reference }, scope] }, select: SELECT, take: 1 }) : [],
    oen ? db.transcriptRequest.findMany({ where: { AND: [scope, { oen }, open] }, select: SELECT, take: PER_QUERY, orderBy: { referenceNumber: "asc" } }) : [],
    db.transcriptRequest.findMany({
      where: { AND: [scope, { lastNameFolded: names.lastNameFolded, firstNameFolded: names.firstNameFolded }, open, ...(oen ? [{ oen: null }] : [])] },
      select: SELECT,
      take: PER_QUERY,
      orderBy: { referenceNumber: "asc" },
    }),
  ]);

  const seen = new Set<string>();
  const rows: BulkCandidateRow[] = [];
  for (const r of [...named, ...byOen, ...byName]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const { applicant, ...request } = r;
    rows.push({ ...request, dateOfBirth: applicant.dateOfBirth, gender: applicant.gender });
  }
  return rows;
}
