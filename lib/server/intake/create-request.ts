import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { startOfTorontoDay } from "@/lib/domain/business-days";
import { foldName } from "@/lib/domain/fold";
import { normalizeOen } from "@/lib/domain/oen";
import { generateReferenceNumber } from "@/lib/domain/reference-number";
import { requestCreatedEvent } from "@/lib/domain/events";
import { tabOfStatus } from "@/lib/domain/statuses";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { intakeHash, type FieldErrors, type IntakeRequest } from "@/lib/server/intake/intake-schema";

// A transcript request arriving from the application service (contracts §5): idempotent by request number.

export const INTAKE_ACTOR_LABEL = "intake-api";
const INITIAL_STATUS = "ACTION_REQUIRED" as const;
// Reference numbers are drawn from 10^8: a collision is rare, several in a row mean something else is wrong.
const MAX_REFERENCE_ATTEMPTS = 5;

export type CreateRequestResult =
  /** `replayed`: this request number was already received with the same body; nothing was created. */
  | { kind: "created" | "replayed"; referenceNumber: string; status: typeof INITIAL_STATUS }
  | { kind: "conflict"; requestNumber: string }
  | { kind: "unknownReferences"; fieldErrors: FieldErrors; message: string };

/**
 * Stores the request with its applicant (found by account number, or created), destinations, "created" timeline
 * entry and `transcript/request.created` event (the outbox) in one transaction.
 *
 * The applicant keeps the identity first received (names, date of birth, gender); each request stores its own
 * snapshot of the name and OEN. The contact details (email, phone, language) follow the latest request, since the
 * notifications use them, and an OEN or student number is filled in when the applicant had none.
 *
 * Two identical calls at the same time: the unique request number lets one insert win; the other gets the unique
 * violation and answers from the stored row.
 */
export async function createRequest(input: IntakeRequest): Promise<CreateRequestResult> {
  const hash = intakeHash(input);
  const earlier = await answerFromStored(input.requestNumber, hash);
  if (earlier) return earlier;

  const [school, colleges] = await Promise.all([
    // Read for every request, never cached: a school added under Administration is accepted at once.
    db.school.findUnique({ where: { mident: input.schoolMident }, select: { id: true, boardId: true, active: true, board: { select: { active: true } } } }),
    db.college.findMany({ where: { code: { in: input.destinations } }, select: { id: true, code: true } }),
  ]);
  const fieldErrors: FieldErrors = {};
  const unknown: string[] = [];
  if (!school) {
    fieldErrors.schoolMident = [`unknown school MIDENT ${input.schoolMident}`];
    unknown.push(`school MIDENT ${input.schoolMident}`);
  } else if (!school.active || !school.board.active) {
    // A deactivated school (or a school of a deactivated board) takes no new requests; its past ones stay.
    fieldErrors.schoolMident = [`inactive school MIDENT ${input.schoolMident}`];
  }
  input.destinations.forEach((code, i) => {
    if (!colleges.some((c) => c.code === code)) {
      fieldErrors[`destinations.${i}`] = [`unknown college code ${code}`];
      unknown.push(`college code ${code}`);
    }
  });
  if (!school || !school.active || !school.board.active || unknown.length > 0) {
    const message = [
      unknown.length > 0 && `Unknown ${unknown.join(", ")}`,
      fieldErrors.schoolMident?.[0]?.startsWith("inactive") && `Inactive school MIDENT ${input.schoolMident}`,
    ]
      .filter(Boolean)
      .join("; ");
    return { kind: "unknownReferences", fieldErrors, message };
  }
  // In the order the application listed them.
  const collegeIds = input.destinations.map((code) => colleges.find((c) => c.code === code)!.id);

  for (let attempt = 1; ; attempt++) {
    const referenceNumber = generateReferenceNumber((max) => crypto.randomInt(max));
    try {
      await insert(input, { hash, referenceNumber, schoolId: school.id, boardId: school.boardId, collegeIds });
      signalBackgroundWork();
      return { kind: "created", referenceNumber, status: INITIAL_STATUS };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same request number stored meanwhile (a concurrent identical call), or a reference number taken.
      const stored = await answerFromStored(input.requestNumber, hash);
      if (stored) return stored;
      if (attempt >= MAX_REFERENCE_ATTEMPTS) throw error;
    }
  }
}

async function answerFromStored(requestNumber: string, hash: string): Promise<CreateRequestResult | null> {
  const stored = await db.transcriptRequest.findUnique({
    where: { requestNumber },
    select: { referenceNumber: true, intakeHash: true },
  });
  if (!stored) return null;
  // The answer of the first call, whatever has happened to the request since.
  if (stored.intakeHash === hash) return { kind: "replayed", referenceNumber: stored.referenceNumber, status: INITIAL_STATUS };
  return { kind: "conflict", requestNumber };
}

type Placement = { hash: string; referenceNumber: string; schoolId: string; boardId: string; collegeIds: string[] };

async function insert(input: IntakeRequest, p: Placement): Promise<string> {
  const a = input.applicant;
  const oen = normalizeOen(a.oen);
  const sendAfter = input.sendAfter === null ? null : input.sendAfter.length === 10 ? startOfTorontoDay(input.sendAfter) : new Date(input.sendAfter);
  return db.$transaction(async (tx) => {
    const applicant = await tx.applicant.upsert({
      where: { accountNumber: input.accountNumber },
      create: {
        accountNumber: input.accountNumber,
        firstName: a.firstName,
        middleName: a.middleName,
        lastName: a.lastName,
        formerLastName: a.formerLastName,
        dateOfBirth: a.dateOfBirth,
        gender: a.gender,
        oen,
        studentNumber: a.studentNumber,
        email: a.email,
        phone: a.phone,
        preferredLanguage: a.preferredLanguage,
      },
      update: { email: a.email, phone: a.phone, preferredLanguage: a.preferredLanguage },
      select: { id: true, oen: true, studentNumber: true },
    });
    const fill = {
      ...(applicant.oen === null && oen ? { oen } : {}),
      ...(applicant.studentNumber === null && a.studentNumber ? { studentNumber: a.studentNumber } : {}),
    };
    if (Object.keys(fill).length > 0) await tx.applicant.update({ where: { id: applicant.id }, data: fill });

    const request = await tx.transcriptRequest.create({
      data: {
        referenceNumber: p.referenceNumber,
        requestNumber: input.requestNumber,
        accountNumber: input.accountNumber,
        intakeHash: p.hash,
        applicantId: applicant.id,
        schoolId: p.schoolId,
        boardId: p.boardId,
        requestType: input.requestType,
        paidAt: new Date(input.paidAt),
        sendOption: input.sendOption,
        sendAfter,
        lastAttended: input.lastAttended,
        status: INITIAL_STATUS,
        tab: tabOfStatus(INITIAL_STATUS),
        firstName: a.firstName,
        lastName: a.lastName,
        firstNameFolded: foldName(a.firstName),
        lastNameFolded: foldName(a.lastName),
        oen,
        destinations: { create: p.collegeIds.map((collegeId) => ({ collegeId })) },
        events: { create: { type: "created", actorLabel: INTAKE_ACTOR_LABEL } },
      },
      select: { id: true },
    });
    await enqueueEvents(tx, [requestCreatedEvent({ requestId: request.id, referenceNumber: p.referenceNumber, boardId: p.boardId })]);
    return request.id;
  });
}
