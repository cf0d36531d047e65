// @vitest-environment happy-dom
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { InPageNav } from "./InPageNav";

describe("InPageNav", () => {
  it("links to each part and moves the keyboard focus to the part chosen", async () => {
    render(
      <>
        <InPageNav
          parts={[
            { target: "a", label: "Synthèse" },
            { target: "b", label: "Activité" },
          ]}
        />
        <h2 id="a">Synthèse</h2>
        <h2 id="b">Activité du stagiaire</h2>
      </>,
    );
    const nav = screen.getByRole("navigation", { name: "Sur cette page" });
    const link = screen.getByRole("link", { name: "Activité" });
    expect(nav).toContainElement(link);
    expect(link).toHaveAttribute("href", "#b");
    await userEvent.setup().click(link);
    expect(screen.getByRole("heading", { name: "Activité du stagiaire" })).toHaveFocus();
  });
});
