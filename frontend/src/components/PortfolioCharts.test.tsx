// @vitest-environment happy-dom
import { render, screen } from "@testing-library/react";
import { PortfolioCharts, portfolioSeries } from "./PortfolioCharts";

const competences = [
  { code: "CP1", evidence_count: 812, criteria_acquired: 2, criteria: [1, 2, 3, 4, 5] },
  { code: "CP3", evidence_count: 640, criteria_acquired: 4, criteria: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
  { code: "CT4", evidence_count: null, criteria_acquired: 0, criteria: [1, 2, 3, 4, 5, 6] },
];

describe("portfolio charts", () => {
  it("put evidence and criteria on scales of their own", () => {
    const { evidence, criteria, criteriaMax } = portfolioSeries(competences);
    expect(evidence).toEqual([
      { code: "CP1", Preuves: 812 },
      { code: "CP3", Preuves: 640 },
      { code: "CT4", Preuves: 0 },
    ]);
    // Criteria: acquired and still to acquire, up to the largest competence (9), not 812.
    expect(criteria[1]).toEqual({ code: "CP3", "Critères acquis": 4, "Critères à acquérir": 5 });
    expect(criteriaMax).toBe(9);
    expect(portfolioSeries([]).criteriaMax).toBe(1);
  });

  it("render two captioned figures", () => {
    render(<PortfolioCharts competences={competences} />);
    expect(screen.getByRole("figure", { name: "Preuves par compétence" })).toBeInTheDocument();
    expect(
      screen.getByRole("figure", { name: "Critères acquis par compétence (sur ses critères)" }),
    ).toBeInTheDocument();
  });
});
