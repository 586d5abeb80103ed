// What the SIS test double (tests/doubles/sis-server.mjs) knows about the students of the Auto-TRMS demo board
// (99998, contracts §7): planned from the demo data, so that Auto-TRMS finds some of the board's applicants. The
// committed file tests/doubles/sis-data/records.json is this plan (a test checks it); after changing the demo data,
// write it again with `npx tsx prisma/seed/sis-records.ts`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ApplicantPlan } from "./applicants";
import { BOARDS, SCHOOLS } from "./reference-data";
import { planDemoData, type DemoPlan } from "./requests";

export const SIS_RECORDS_RELATIVE_PATH = "tests/doubles/sis-data/records.json";
export const AUTO_TRMS_BOARD_NUMBER = "99998";

export type SisAnswerBehaviour = "transcript" | "noAcademicData" | "financialHold" | "multipleMatches" | "invalidTranscript" | "unavailable";

export interface SisRecord {
  /** What the demo shows with this record (for people reading the file). */
  note: string;
  answer: SisAnswerBehaviour;
  oen: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  studentNumber: string | null;
  schoolName: string;
  mident: string;
  boardName: string;
  boardNumber: string;
}

// One pattern over the board's applicants in plan order, so that every outcome shows up in both schools:
// four in ten match cleanly, two differ from the request, three get one of the other answers, one is unknown.
const PATTERN = ["clean", "clean", "differs", "noAcademicData", "clean", "financialHold", "clean", "differs", "multipleMatches", "unknown"] as const;

/** An ISO date one day later (the SIS has a typo in the birth date). */
function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function planSisRecords(plan: DemoPlan): SisRecord[] {
  const board = BOARDS.find((b) => b.number === AUTO_TRMS_BOARD_NUMBER)!;
  const seen = new Set<string>();
  const applicants: { applicant: ApplicantPlan; mident: string }[] = [];
  for (const r of plan.requests) {
    if (r.boardNumber !== board.number || seen.has(r.applicant.id)) continue;
    seen.add(r.applicant.id);
    applicants.push({ applicant: r.applicant, mident: r.mident });
  }

  const records: SisRecord[] = [];
  applicants.forEach(({ applicant: a, mident }, index) => {
    const school = SCHOOLS.find((s) => s.mident === mident)!;
    const kind = PATTERN[index % PATTERN.length]!;
    if (kind === "unknown") return;
    const base = {
      oen: a.oen,
      firstName: a.firstName,
      middleName: a.middleName,
      lastName: a.lastName,
      dateOfBirth: a.dateOfBirth,
      gender: a.gender,
      studentNumber: a.studentNumber,
      schoolName: school.nameEn,
      mident,
      boardName: board.nameEn,
      boardNumber: board.number,
    };
    switch (kind) {
      case "clean":
        records.push({ note: "a clean match: the request completes", answer: "transcript", ...base });
        return;
      case "differs":
        // Found by OEN, the SIS has another birth date; without an OEN it is found by name and date of birth, and
        // its gender differs.
        if (a.oen) records.push({ note: "differs on the date of birth", answer: "transcript", ...base, dateOfBirth: nextDay(a.dateOfBirth) });
        else records.push({ note: "differs on the gender", answer: "transcript", ...base, gender: a.gender === "MALE" ? "FEMALE" : "MALE" });
        return;
      default:
        records.push({ note: `answers ${kind}`, answer: kind, ...base });
    }
  });
  // One student whose SIS is down for maintenance: after the retries the request reads "SIS unavailable".
  const down = records.find((r) => r.answer === "transcript" && r.note.startsWith("a clean") && r.mident === "999996");
  if (down) Object.assign(down, { note: "the SIS answers 503 for this student: SIS unavailable", answer: "unavailable" });
  return records;
}

/** The file's text: stable formatting, so that a regenerated file differs only where the plan does. */
export function sisRecordsFileText(records: readonly SisRecord[]): string {
  return `${JSON.stringify({ generatedBy: "prisma/seed/sis-records.ts", records }, null, 2)}\n`;
}

function isMain() {
  try {
    return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  // The applicants do not depend on the date; any day gives the same records.
  const records = planSisRecords(planDemoData(new Date("2026-01-15T12:00:00Z")));
  const file = path.resolve(process.cwd(), SIS_RECORDS_RELATIVE_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sisRecordsFileText(records));
  console.log(`wrote ${records.length} records to ${SIS_RECORDS_RELATIVE_PATH}`);
}
