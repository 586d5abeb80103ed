// A valid body of POST /api/v1/transcript-requests (contracts §5) for demo.school's school, with a new request and
// account number on each call from `start`; tests override what they are about.

export function intakeBodies(start: number) {
  let n = start;
  return function body(overrides: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) {
    n++;
    return {
      requestNumber: String(n),
      accountNumber: `9${n}`,
      requestType: "ORIGINAL",
      paidAt: "2026-01-15T14:03:00-05:00",
      sendOption: "SEND_NOW",
      sendAfter: null,
      schoolMident: "999999",
      lastAttended: "2022-06",
      applicant: {
        firstName: "Émilie",
        lastName: "Tremblay",
        middleName: null,
        formerLastName: null,
        dateOfBirth: "2004-05-17",
        gender: "FEMALE",
        oen: "123456782",
        studentNumber: null,
        email: "emilie@example.org",
        phone: null,
        preferredLanguage: "fr",
        ...applicant,
      },
      destinations: ["SENE", "ALGO"],
      ...overrides,
    };
  };
}
