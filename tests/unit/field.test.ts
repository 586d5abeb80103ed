import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

// The wiring every form relies on: the label names the control, the hint and the errors describe it, and errors
// mark it invalid. Tests and screen readers find fields by these ids and names.

const attributes = (html: string, tag: string) => {
  const element = html.match(new RegExp(`<${tag}[^>]*>`))?.[0] ?? "";
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
};

describe("TextField", () => {
  it("labels the input by its name's id, with no description or invalid state when it has neither", () => {
    const html = renderToStaticMarkup(createElement(TextField, { name: "email", label: "Email Address" }));
    expect(html).toContain('<label for="field-email"');
    const input = attributes(html, "input");
    expect(input).toMatchObject({ id: "field-email", name: "email" });
    expect(input).not.toHaveProperty("aria-describedby");
    expect(input).not.toHaveProperty("aria-invalid");
    expect(input.class).toBe("control");
  });

  it("is described by its hint, then its errors, and invalid once it has errors", () => {
    const html = renderToStaticMarkup(
      createElement(TextField, { name: "username", label: "Username", hint: "Letters and digits", errors: ["Required.", "Too short."] }),
    );
    const input = attributes(html, "input");
    expect(input).toMatchObject({ "aria-describedby": "field-username-hint field-username-error", "aria-invalid": "true" });
    // Red from the stylesheet: `.control[aria-invalid="true"]` (tests/unit/stylesheet.test.ts).
    expect(input.class).toBe("control");
    expect(html).toContain('<p id="field-username-hint" class="text-xs text-gray-600">Letters and digits</p>');
    expect(html).toMatch(/<ul id="field-username-error"[^>]*><li>Required\.<\/li><li>Too short\.<\/li><\/ul>/);
  });

  it("keeps a given id, and the input's own attributes", () => {
    const html = renderToStaticMarkup(createElement(TextField, { name: "to", id: "search-to", label: "End date", type: "date", errors: [] }));
    expect(attributes(html, "input")).toMatchObject({ id: "search-to", type: "date" });
    expect(attributes(html, "input")).not.toHaveProperty("aria-invalid");
    expect(html).toContain('<label for="search-to"');
  });
});

describe("SelectField", () => {
  it("wires a native select the same way", () => {
    const props: ComponentProps<typeof SelectField> = {
      name: "role",
      label: "Role",
      errors: ["Choose a role."],
      children: createElement("option", { value: "" }, "Choose"),
    };
    const html = renderToStaticMarkup(createElement(SelectField, props));
    expect(attributes(html, "select")).toMatchObject({ id: "field-role", name: "role", "aria-describedby": "field-role-error", "aria-invalid": "true" });
    expect(html).toContain('<label for="field-role"');
  });
});

describe("Field", () => {
  it("marks the control invalid and described by an error shown elsewhere, after its hint", () => {
    const props: ComponentProps<typeof Field> = {
      id: "upload-file",
      label: "Browse",
      hint: "5 MB at most",
      externalErrorId: "upload-file-error",
      children: (control) => createElement("input", { ...control, type: "file" }),
    };
    const html = renderToStaticMarkup(createElement(Field, props));
    expect(attributes(html, "input")).toMatchObject({ id: "upload-file", "aria-describedby": "upload-file-hint upload-file-error", "aria-invalid": "true" });
    expect(html).not.toContain("<ul");
  });
});
