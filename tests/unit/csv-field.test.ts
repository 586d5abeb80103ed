import { stringify } from "csv-stringify/sync";
import { describe, expect, test } from "vitest";
import { csvField, csvRecord, neutralizeFormula } from "@/lib/domain/csv";

// The export's own RFC 4180 writer (csv.test.ts covers formulas, the BOM and the file names).

describe("csvField", () => {
  test.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['O"Neil', '"O""Neil"'],
    ['"', '""""'],
    ["line\nbreak", '"line\nbreak"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["crlf\r\n", '"crlf\r\n"'],
    ['<script>alert("x")</script>, O"Neil', '"<script>alert(""x"")</script>, O""Neil"'],
    ["Zoë 🎓", "Zoë 🎓"],
    ["'=1", "'=1"],
    ["semi;colon\ttab", "semi;colon\ttab"],
  ])("%j is written %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("csvRecord", () => {
  test("fields joined by commas, ended by CRLF", () => {
    expect(csvRecord(["a", "b,c", "", 'd"e'])).toBe('a,"b,c",,"d""e"\r\n');
    expect(csvRecord([])).toBe("\r\n");
  });

  test("a lone line feed or carriage return is quoted too: Excel starts a new row at either", () => {
    expect(csvRecord(["a\nb", "c\rd"])).toBe('"a\nb","c\rd"\r\n');
  });

  test("the same bytes as csv-stringify with CRLF records and every line break quoted", () => {
    const alphabet = ["a", "É", ",", '"', "\r", "\n", " ", "'", "=", "🎓", ";", "\t", "\u00a0", "\u2028"];
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const records = Array.from({ length: 500 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""),
      ),
    );
    for (const record of records)
      expect(csvRecord(record), JSON.stringify(record)).toBe(stringify([record], { record_delimiter: "windows", quote_record_delimiter: true }));
  });
});

describe("neutralizeFormula's shortcut for cells starting with a letter or a digit", () => {
  // The shortcut must decide exactly as the rule it skips, whatever the first character.
  const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
  test("every first character (BMP) followed by a formula or by text", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const value of [c, `${c}=1`, `${c}x`, `${c} +1`]) {
        const expected = FORMULA_START.test(value) ? `'${value}` : value;
        if (neutralizeFormula(value) !== expected) throw new Error(`U+${code.toString(16)}: ${JSON.stringify(value)}`);
      }
    }
  });
});
