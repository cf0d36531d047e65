// @vitest-environment happy-dom
// The instructions' Markdown: headings under the page's outline, paragraphs, lists, inline
// marks; links only to http(s) addresses, and never any HTML from the text.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown, blocksOf } from "./Markdown";

const INSTRUCTIONS = [
  "## Votre mission",
  "",
  "Vous prospectez pendant **dix jours simulés**.",
  "Le marché *répond*.",
  "",
  "1. Ciblez : vos `segments`.",
  "2. Respectez la règle ;",
  "   le consentement d'abord.",
  "",
  "- un point",
  "- [la loi](https://www.legifrance.gouv.fr/) et [pas ceci](javascript:alert(1))",
  "",
  "### Détail",
  "snake_case_name <b>gras</b>",
].join("\n");

describe("blocksOf", () => {
  it("reads headings, paragraphs and lists, an indented line continuing its item", () => {
    expect(blocksOf(INSTRUCTIONS)).toEqual([
      { kind: "heading", level: 2, text: "Votre mission" },
      { kind: "paragraph", text: "Vous prospectez pendant **dix jours simulés**. Le marché *répond*." },
      {
        kind: "list",
        ordered: true,
        items: ["Ciblez : vos `segments`.", "Respectez la règle ; le consentement d'abord."],
      },
      {
        kind: "list",
        ordered: false,
        items: ["un point", "[la loi](https://www.legifrance.gouv.fr/) et [pas ceci](javascript:alert(1))"],
      },
      { kind: "heading", level: 3, text: "Détail" },
      { kind: "paragraph", text: "snake_case_name <b>gras</b>" },
    ]);
  });
});

describe("Markdown", () => {
  it("draws the highest heading at the level asked, the marks, and safe links only", () => {
    const { container } = render(<Markdown source={INSTRUCTIONS} headingLevel={3} />);
    expect(screen.getByRole("heading", { level: 3, name: "Votre mission" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 4, name: "Détail" })).toBeInTheDocument();
    expect(screen.getByText("dix jours simulés").tagName).toBe("STRONG");
    expect(screen.getByText("répond").tagName).toBe("EM");
    expect(screen.getByText("segments").tagName).toBe("CODE");
    expect(container.querySelector("ol")?.children).toHaveLength(2);
    expect(screen.getByRole("link", { name: "la loi" })).toHaveAttribute("href", "https://www.legifrance.gouv.fr/");
    expect(screen.queryByRole("link", { name: "pas ceci" })).toBeNull();
    expect(container).toHaveTextContent("[pas ceci](javascript:alert(1))");
    // Underscores inside a word and HTML are text.
    expect(container).toHaveTextContent("snake_case_name <b>gras</b>");
    expect(container.querySelector("b")).toBeNull();
  });
});
