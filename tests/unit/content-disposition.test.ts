import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "@/lib/domain/content-disposition";

describe("attachmentDisposition", () => {
  it("keeps a plain name as it is", () => {
    expect(attachmentDisposition("transcript.xml", "f.xml")).toBe(`attachment; filename="transcript.xml"; filename*=UTF-8''transcript.xml`);
  });

  it("gives accented names an ASCII fallback and the exact name encoded", () => {
    expect(attachmentDisposition("relevé É.pdf", "f.pdf")).toBe(`attachment; filename="releve E.pdf"; filename*=UTF-8''relev%C3%A9%20%C3%89.pdf`);
  });

  it("cannot break out of the header or the quoted name", () => {
    const header = attachmentDisposition('evil"; filename=x.html\r\nSet-Cookie: a=b', "f.xml");
    expect(header).not.toMatch(/[\r\n]/);
    const quoted = /filename="([^"]*)"/.exec(header)?.[1];
    expect(quoted).toBe("evil__ filename=x.html__Set-Cookie: a=b.xml");
    expect(header).toContain("filename*=UTF-8''evil%22%3B%20filename%3Dx.html__Set-Cookie%3A%20a%3Db.xml");
  });

  it("drops path separators and falls back when nothing printable is left", () => {
    expect(attachmentDisposition("../../etc/passwd", "f.xml")).toContain('filename=".._.._etc_passwd.xml"');
    expect(attachmentDisposition("", "transcript.xml")).toContain('filename="transcript.xml"');
    expect(attachmentDisposition("文書.xml", "transcript.xml")).toContain('filename=".xml"');
  });
});

describe("attachmentDisposition and the real extension", () => {
  it("ends the name with the file's real extension", () => {
    expect(attachmentDisposition("notes.html", "transcript.pdf")).toContain(`filename="notes.html.pdf"`);
    expect(attachmentDisposition("RELEVE.PDF", "transcript.pdf")).toContain(`filename="RELEVE.PDF"`);
    expect(attachmentDisposition("run.exe", "transcript.xml")).toContain("filename*=UTF-8''run.exe.xml");
  });

  it("drops bidirectional overrides and invisible characters", () => {
    const header = attachmentDisposition("invoice\u202Efdp.exe", "transcript.pdf");
    expect(header).toContain("filename*=UTF-8''invoicefdp.exe.pdf");
    expect(attachmentDisposition("\u200B\u200D", "transcript.pdf")).toContain(`filename="transcript.pdf"`);
  });
});
