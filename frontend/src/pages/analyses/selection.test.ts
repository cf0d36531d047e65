// @vitest-environment happy-dom
// Offsets of a selection in a version's text, whatever nodes hold it (a text split by marks,
// a boundary set on an element), and a passage found by its text.
import { describe, expect, it } from "vitest";
import { findPassage, offsetIn, selectedPassage } from "./selection";

const BODY = "## Causes\n\n- Trop peu d'appels le matin.\n";

function split(): HTMLPreElement {
  // The same text in three nodes: "## Causes\n\n- " + <mark>"Trop peu"</mark> + the rest.
  const pre = document.createElement("pre");
  const mark = document.createElement("mark");
  mark.textContent = "Trop peu";
  pre.append(document.createTextNode("## Causes\n\n- "), mark, document.createTextNode(" d'appels le matin.\n"));
  document.body.append(pre);
  return pre;
}

describe("offsetIn", () => {
  it("counts the text before a point in a text node, an element, or after an element's end", () => {
    const pre = split();
    expect(pre.textContent).toBe(BODY);
    const [head, mark, tail] = Array.from(pre.childNodes);
    expect(offsetIn(pre, head, 3)).toBe(3);
    expect(offsetIn(pre, mark.firstChild as Node, 4)).toBe(BODY.indexOf("Trop") + 4);
    expect(offsetIn(pre, tail, 1)).toBe(BODY.indexOf(" d'appels") + 1);
    // A point on an element: before its child at that index, or after its last child.
    expect(offsetIn(pre, pre, 1)).toBe(BODY.indexOf("Trop"));
    expect(offsetIn(pre, mark, 1)).toBe(BODY.indexOf(" d'appels"));
    expect(offsetIn(pre, pre, 3)).toBe(BODY.length);
  });
});

describe("selectedPassage", () => {
  it("gives the quote and its offsets in the body; nothing for an empty or outside selection", () => {
    const pre = split();
    const mark = pre.childNodes[1];
    const tail = pre.childNodes[2] as Text;
    const range = document.createRange();
    range.setStart(mark.firstChild as Node, 5); // « peu… »
    range.setEnd(tail, " d'appels".length);
    const selection = document.getSelection() as Selection;
    selection.removeAllRanges();
    selection.addRange(range);
    const found = selectedPassage(pre, selection, BODY);
    expect(found).toEqual({ quote: "peu d'appels", start: BODY.indexOf("peu"), end: BODY.indexOf("peu") + 12 });
    expect(BODY.slice(found!.start, found!.end)).toBe(found!.quote);

    selection.collapseToStart();
    expect(selectedPassage(pre, selection, BODY)).toBeNull();
    const elsewhere = document.createElement("p");
    elsewhere.textContent = "ailleurs";
    document.body.append(elsewhere);
    const outside = document.createRange();
    outside.selectNodeContents(elsewhere);
    selection.removeAllRanges();
    selection.addRange(outside);
    expect(selectedPassage(pre, selection, BODY)).toBeNull();
  });
});

describe("findPassage", () => {
  it("anchors a typed passage at its first occurrence, or nowhere", () => {
    expect(findPassage(BODY, "Causes")).toEqual({ quote: "Causes", start: 3, end: 9 });
    expect(findPassage(BODY, "absent")).toBeNull();
    expect(findPassage(BODY, "")).toBeNull();
  });
});
