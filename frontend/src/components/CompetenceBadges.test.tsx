import { render, screen, within } from "@testing-library/react";
import { OPERATIONS } from "../api/competences";
import { CompetenceBadges, competencesOf } from "./CompetenceBadges";

describe("competence badges", () => {
  it("come from the operations' x-competences, CP before CT, in number order", () => {
    expect(OPERATIONS.list_items.competences).toContain("CP1");
    const codes = competencesOf(["create_source", "plan_tour", "list_items"]);
    expect(codes).toEqual([...codes].sort((a, b) => (a.slice(0, 2) === b.slice(0, 2) ? Number(a.slice(2)) - Number(b.slice(2)) : a < b ? -1 : 1)));
    expect(codes).toEqual(expect.arrayContaining(["CP1", "CP2", "CT4"]));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("render one badge per competence, and nothing for undeclared operations", () => {
    const { unmount } = render(<CompetenceBadges operations={["list_sources", "refresh_source"]} />);
    const list = screen.getByRole("list", { name: "Compétences exercées" });
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["CP1", "CT4"]);
    unmount();
    render(<CompetenceBadges operations={["healthz"]} />);
    expect(screen.queryByRole("list")).toBeNull();
  });
});
