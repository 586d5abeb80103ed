import { beforeAll, describe, expect, it, vi } from "vitest";

// Hostile names through the real paths (quality.md's safety list, docs/decisions/0020): a name that is markup, a
// formula or a quote arrives by the intake API and leaves as text — in the CSV (formula-safe), the PDF (rendered,
// not interpreted) and the emails (escaped).

const KEY = vi.hoisted(() => {
  const key = "test-intake-key-hostile-names";
  process.env.INTAKE_API_KEY = key;
  return key;
});

import { POST as intakePost } from "@/app/api/v1/transcript-requests/route";
import { db } from "@/lib/db";
import { parseRequestSearch } from "@/lib/domain/request-search";
import { renderEmail } from "@/lib/email/render-email";
import { requestsCsvStream } from "@/lib/server/exports/requests-csv";
import { requestsPdf } from "@/lib/server/exports/requests-pdf";
import { actorFor } from "../integration/helpers/actors";
import { seedDemo } from "../integration/helpers/seeded";

const FIRST = `<img src=x onerror="alert(1)">`;
const LAST = `=HYPERLINK("https://evil.example","Click")`;
const MIDDLE = `'; DROP TABLE "User"; --`;
let reference = "";

beforeAll(async () => {
  await seedDemo();
  const requestNumber = "820000001";
  const response = await intakePost(
    new Request("http://localhost:3000/api/v1/transcript-requests", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        requestNumber,
        accountNumber: "9820000001",
        requestType: "ORIGINAL",
        paidAt: new Date().toISOString(),
        sendOption: "SEND_NOW",
        sendAfter: null,
        schoolMident: "999999",
        lastAttended: "2022-06",
        applicant: {
          firstName: FIRST,
          lastName: LAST,
          middleName: MIDDLE,
          formerLastName: "+SUM(A1:A9)",
          dateOfBirth: "2004-05-17",
          gender: "FEMALE",
          oen: null,
          studentNumber: "@cmd",
          email: "hostile@example.org",
          phone: "-2+3",
          preferredLanguage: "en",
        },
        destinations: ["SENE"],
      }),
    }),
  );
  expect(response.status).toBe(201);
  reference = (await db.transcriptRequest.findFirstOrThrow({ where: { requestNumber } })).referenceNumber;
});

async function text(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder().decode(new Uint8Array(await new Response(stream).arrayBuffer()));
}

describe("a hostile name", () => {
  it("is stored as it came (nothing was run)", async () => {
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { referenceNumber: reference } });
    expect(request).toMatchObject({ firstName: FIRST, lastName: LAST });
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  it("leaves the CSV as text: no cell starts a formula", async () => {
    const actor = await actorFor("demo.school");
    const search = parseRequestSearch(new URLSearchParams(`status=ALL&referenceNumber=${reference}`)).search;
    const csv = await text(requestsCsvStream({ actor, search, locale: "en" }));
    const cells = csv.split(/\r?\n/).slice(1).join(",");
    expect(cells).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    expect(cells).not.toMatch(/(^|,)"?[=+\-@]/);
    expect(cells).toContain(`<img src=x onerror=""alert(1)"">`);
  });

  it("is laid out in the PDF as text", async () => {
    const actor = await actorFor("demo.school");
    const search = parseRequestSearch(new URLSearchParams(`status=ALL&referenceNumber=${reference}`)).search;
    const { pdf, rows } = await requestsPdf({ actor, search, locale: "fr" });
    expect(rows).toBe(1);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is escaped in the HTML of an email and kept as text in its text part", () => {
    const email = renderEmail("studentNotFound", "en", { name: `${FIRST} ${LAST}`, reference, school: "Sample", board: "Board", contact: "x@example.org" });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(email.text).toContain(FIRST);
  });
});
