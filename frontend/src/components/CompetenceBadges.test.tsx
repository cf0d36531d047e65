// @vitest-environment happy-dom
import { render, screen, within } from "@testing-library/react";
import { COMPETENCE_TITLES, OPERATIONS } from "../api/competences";
import { CompetenceBadges, competencesOf } from "./CompetenceBadges";

describe("competence badges", () => {
  it("come from the x-competences of the operations a page writes with, CP before CT, in number order", () => {
    expect(OPERATIONS.create_source.competences).toContain("CP1");
    const codes = competencesOf(["create_source", "plan_tour", "list_items"]);
    expect(codes).toEqual(
      [...codes].sort((a, b) =>
        a.slice(0, 2) === b.slice(0, 2) ? Number(a.slice(2)) - Number(b.slice(2)) : a < b ? -1 : 1,
      ),
    );
    expect(codes).toEqual(expect.arrayContaining(["CP1", "CP2", "CT4"]));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("claim nothing for reads and deletions", () => {
    expect(OPERATIONS.list_items.method).toBe("GET");
    expect(competencesOf(["list_items", "list_prospects", "watch_digest", "my_portfolio", "read_catalogue"])).toEqual(
      [],
    );
    expect(OPERATIONS.delete_tour.method).toBe("DELETE");
    expect(competencesOf(["delete_tour", "delete_source"])).toEqual([]);
    // The portfolio and catalogue declare no competence at all.
    expect(OPERATIONS.my_portfolio.competences).toEqual([]);
    expect(OPERATIONS.read_catalogue.competences).toEqual([]);
  });

  it("render one badge per competence, named by its title, and nothing without writes", () => {
    const { unmount } = render(<CompetenceBadges operations={["list_sources", "refresh_source"]} />);
    const list = screen.getByRole("list", { name: "Compétences exercées" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual(["CP1", "CT4"]);
    expect(
      within(list).getByRole("listitem", { name: "CP1 : Assurer une veille professionnelle et commerciale" }),
    ).toBeVisible();
    expect(items[1]).toHaveAttribute("title", `CT4 — ${COMPETENCE_TITLES.CT4}`);
    expect(COMPETENCE_TITLES.CT4).toBe("Mobiliser les environnements numériques");
    unmount();
    render(<CompetenceBadges operations={["healthz", "list_tours"]} />);
    expect(screen.queryByRole("list")).toBeNull();
  });
});
