// Invented applicants: names, birth dates, OENs (valid check digit), account numbers, contact details.
import type { Rng } from "./prng";
import {
  emailPart,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  ENGLISH_MIDDLE_NAMES,
  FEATURED_ENGLISH,
  FEATURED_FRENCH,
  FRENCH_FIRST_NAMES,
  FRENCH_LAST_NAMES,
  FRENCH_MIDDLE_NAMES,
  MASCULINE_FIRST_NAMES,
} from "./names";

export interface ApplicantPlan {
  id: string;
  accountNumber: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  formerLastName: string | null;
  dateOfBirth: string;
  gender: "MALE" | "FEMALE" | "X";
  oen: string | null;
  studentNumber: string | null;
  email: string;
  phone: string | null;
  preferredLanguage: "en" | "fr";
}

/** The ninth digit that makes 8 digits a valid OEN (Luhn mod 10 over the nine). */
export function oenCheckDigit(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // From the right of the full number the check digit is position 0, so the 8th digit here is doubled.
    const digit = Number(first8[7 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return String((10 - (sum % 10)) % 10);
}

const EMAIL_DOMAINS = ["example.org", "example.com", "example.net"] as const;
const AREA_CODES = ["416", "647", "705", "613", "905", "807"] as const;

/** The applicant of the real PESC example (tests/fixtures/pesc/ontario-highschool-transcript.xml). */
export const PESC_EXAMPLE_APPLICANT: Omit<ApplicantPlan, "id" | "accountNumber"> = {
  firstName: "Senior",
  middleName: "High School",
  lastName: "Student",
  formerLastName: null,
  dateOfBirth: "1987-05-16",
  gender: "MALE",
  // As in the file, although its check digit is not valid.
  oen: "999999999",
  studentNumber: "000309945335",
  email: "senior.student@example.org",
  phone: "416-555-0100",
  preferredLanguage: "en",
};

export class ApplicantFactory {
  private readonly accountNumbers = new Set<string>();
  private readonly oens = new Set<string>(["999999999"]);
  private readonly featuredFrench = [...FEATURED_FRENCH];
  private readonly featuredEnglish = [...FEATURED_ENGLISH];
  private count = 0;

  constructor(
    private readonly rng: Rng,
    private readonly newId: () => string,
  ) {}

  accountNumber(): string {
    for (;;) {
      const n = this.rng.digits(8, true);
      if (!this.accountNumbers.has(n)) {
        this.accountNumbers.add(n);
        return n;
      }
    }
  }

  private oen(): string {
    for (;;) {
      const first8 = this.rng.digits(8, true);
      const oen = first8 + oenCheckDigit(first8);
      if (!this.oens.has(oen)) {
        this.oens.add(oen);
        return oen;
      }
    }
  }

  pescExample(): ApplicantPlan {
    return { id: this.newId(), accountNumber: this.accountNumber(), ...PESC_EXAMPLE_APPLICANT };
  }

  create(french: boolean): ApplicantPlan {
    const rng = this.rng;
    this.count++;
    const featured = french ? this.featuredFrench.shift() : this.featuredEnglish.shift();
    const firstName = featured?.firstName ?? rng.pick(french ? FRENCH_FIRST_NAMES : ENGLISH_FIRST_NAMES);
    const lastName = featured?.lastName ?? rng.pick(french ? FRENCH_LAST_NAMES : ENGLISH_LAST_NAMES);
    const drawnMiddle = rng.chance(0.25) ? rng.pick(french ? FRENCH_MIDDLE_NAMES : ENGLISH_MIDDLE_NAMES) : null;
    const drawnFormer = rng.chance(0.07) ? rng.pick(french ? FRENCH_LAST_NAMES : ENGLISH_LAST_NAMES) : null;
    // A featured applicant has exactly the middle and former names listed (none when not listed).
    const middleName = featured ? (featured.middleName ?? null) : drawnMiddle;
    const formerLastName = featured ? (featured.formerLastName ?? null) : drawnFormer !== lastName ? drawnFormer : null;

    const genderDraw = rng.next();
    const gender = genderDraw < 0.04 ? "X" : MASCULINE_FIRST_NAMES.has(firstName) ? "MALE" : "FEMALE";

    // Mostly recent graduates, some mature applicants.
    const year = rng.chance(0.85) ? rng.int(2003, 2008) : rng.int(1985, 2002);
    const dateOfBirth = `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;

    const hasOen = rng.chance(0.93);
    const oen = hasOen ? this.oen() : null;
    const studentNumber = rng.chance(0.7) ? rng.digits(9, true) : null;
    const domain = rng.pick(EMAIL_DOMAINS);
    const email = `${emailPart(firstName)}.${emailPart(lastName)}${this.count}@${domain}`;
    const phone = rng.chance(0.6) ? `${rng.pick(AREA_CODES)}-555-01${rng.digits(2)}` : null;

    return {
      id: this.newId(),
      accountNumber: this.accountNumber(),
      firstName,
      middleName,
      lastName,
      formerLastName,
      dateOfBirth,
      gender,
      oen,
      studentNumber,
      email,
      phone,
      preferredLanguage: french ? "fr" : "en",
    };
  }
}
