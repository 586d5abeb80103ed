import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Role } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { businessDaysBetween } from "@/lib/domain/business-days";
import type { RequestStatus } from "@/lib/domain/statuses";
import type { RequestLine } from "@/lib/email/notification-emails";
import type { Locale } from "@/lib/i18n/routing";

// Who the notifications go to (contracts §8): active users with their settings, seen through the same scope as their
// dashboard (lib/auth/scope.ts), and the requests an email names, as lines.

export const RECIPIENT_SELECT = {
  id: true,
  displayName: true,
  language: true,
  role: true,
  boardId: true,
  schoolId: true,
  board: { select: { nameEn: true, nameFr: true, autoTrmsEnabled: true } },
  school: { select: { nameEn: true, nameFr: true } },
  notification: true,
} satisfies Prisma.UserSelect;

type RecipientRow = Prisma.UserGetPayload<{ select: typeof RECIPIENT_SELECT }>;

export type Recipient = {
  id: string;
  name: string;
  locale: Locale;
  scopeActor: { role: Role; boardId: string | null; schoolId: string | null };
  /** Where their scope ends, as one key: users with the same key see the same requests. */
  scopeKey: string;
  /** Their scope's name in their language (for "the requests of {scope}"); null for OCAS (all boards). */
  scopeName: string | null;
  autoTrmsBoard: boolean;
  addresses: string[];
  setting: NonNullable<RecipientRow["notification"]>;
};

export function toRecipient(row: RecipientRow): Recipient | null {
  if (!row.notification) return null;
  const locale: Locale = row.language === "fr" ? "fr" : "en";
  const scopeActor = { role: row.role as Role, boardId: row.boardId, schoolId: row.schoolId };
  const where = requestScope(scopeActor);
  const name = (o: { nameEn: string; nameFr: string } | null) => (o ? (locale === "fr" ? o.nameFr : o.nameEn) : null);
  return {
    id: row.id,
    name: row.displayName,
    locale,
    scopeActor,
    scopeKey: JSON.stringify(where),
    scopeName: row.role === "SCHOOL_USER" ? name(row.school) : row.role === "OCAS_ADMIN" ? null : name(row.board),
    autoTrmsBoard: Boolean(row.board?.autoTrmsEnabled),
    addresses: row.notification.emails.split(";").filter(Boolean),
    setting: row.notification,
  };
}

/** Active users whose settings match `where`, as recipients. */
export async function findRecipients(where: Prisma.NotificationSettingWhereInput, extra: Prisma.UserWhereInput = {}): Promise<Recipient[]> {
  const rows = await db.user.findMany({ where: { active: true, notification: { is: where }, ...extra }, select: RECIPIENT_SELECT, orderBy: { id: "asc" } });
  return rows.flatMap((row) => toRecipient(row) ?? []);
}

export const REQUEST_LINE_SELECT = {
  id: true,
  referenceNumber: true,
  firstName: true,
  lastName: true,
  status: true,
  paidAt: true,
  school: { select: { nameEn: true, nameFr: true } },
} satisfies Prisma.TranscriptRequestSelect;

type LineRow = Prisma.TranscriptRequestGetPayload<{ select: typeof REQUEST_LINE_SELECT }>;

/** A request as an email names it, in the recipient's language, aged now. */
export function requestLine(row: LineRow, locale: Locale, now: Date): RequestLine {
  return {
    referenceNumber: row.referenceNumber,
    applicant: `${row.firstName} ${row.lastName}`,
    school: locale === "fr" ? row.school.nameFr : row.school.nameEn,
    ageDays: businessDaysBetween(row.paidAt, now),
    status: row.status as RequestStatus,
  };
}
