import { describe, expect, it } from "vitest";
import { segments } from "./highlight";

const place = (start: number, end: number, message = "m") => ({ start, end, message, severity: "error" });

describe("segments", () => {
  it("keeps a text without places whole", () => {
    expect(segments("Bonjour.", [])).toEqual([{ text: "Bonjour.", marks: [] }]);
  });

  it("marks each place with its findings, overlapping ones included", () => {
    const text = "à 19 € gratuit";
    const price = place(2, 6, "prix");
    const word = place(7, 14, "mot");
    const wide = place(0, 6, "large");
    const out = segments(text, [price, word, wide]);
    expect(out.map((s) => s.text).join("")).toBe(text);
    expect(out).toEqual([
      { text: "à ", marks: [wide] },
      { text: "19 €", marks: [price, wide] },
      { text: " ", marks: [] },
      { text: "gratuit", marks: [word] },
    ]);
  });

  it("leaves out places without a position or outside the text", () => {
    const out = segments("abc", [
      { start: null, end: null, message: "x", severity: "error" },
      place(2, 9),
      place(1, 1),
    ]);
    expect(out).toEqual([{ text: "abc", marks: [] }]);
  });
});
