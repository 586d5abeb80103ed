import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";

const ID_MAX_LENGTH = 100;

function findApplicant(actor: Pick<Actor, "role" | "boardId" | "schoolId">, id: string) {
  const inScope = requestScope(actor);
  return db.applicant.findFirst({
    // Only an applicant with a request in scope exists for the actor (for OCAS too: one with no request at all
    // has nothing to act on).
    where: { id, requests: { some: inScope } },
    select: {
      id: true,
      accountNumber: true,
      firstName: true,
      middleName: true,
      lastName: true,
      formerLastName: true,
      dateOfBirth: true,
      gender: true,
      oen: true,
      studentNumber: true,
      email: true,
      phone: true,
      preferredLanguage: true,
      // Their other requests, outside the actor's scope, stay invisible.
      requests: {
        where: inScope,
        orderBy: [{ paidAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          referenceNumber: true,
          paidAt: true,
          requestType: true,
          status: true,
          school: { select: { mident: true, nameEn: true, nameFr: true } },
          destinations: { select: { college: { select: { code: true, nameEn: true, nameFr: true } } }, orderBy: { college: { code: "asc" } } },
        },
      },
    },
  });
}

export type ApplicantDetails = NonNullable<Awaited<ReturnType<typeof findApplicant>>>;

/** The applicant page: identity, contact and their requests in the actor's scope; null when none is in scope. */
export async function getApplicantDetails(options: {
  actor: Pick<Actor, "role" | "boardId" | "schoolId">;
  applicantId: string;
}): Promise<ApplicantDetails | null> {
  const id = options.applicantId.trim();
  if (id === "" || id.length > ID_MAX_LENGTH) return null;
  return findApplicant(options.actor, id);
}
