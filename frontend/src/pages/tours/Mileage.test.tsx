// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { MileageDayOut, MileageOut } from "../../api/types";
import { Mileage, actualKmOf } from "./Mileage";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), PUT: vi.fn() } };
});

const DAY: MileageDayOut = {
  day_index: 0,
  date: "2026-12-14",
  visits: 4,
  planned_km: "80",
  actual_km: null,
  planned_co2_kg: "17.3",
  actual_co2_kg: null,
  planned_km_per_visit: "20",
  actual_km_per_visit: null,
  planned_co2_kg_per_visit: "4.3",
  actual_co2_kg_per_visit: null,
  actual_logged_at: null,
};
const MILEAGE: MileageOut = {
  tour_id: 5,
  mode: "car",
  days: [DAY],
  planned_km: "80",
  actual_km: null,
  planned_co2_kg: "17.3",
  actual_co2_kg: null,
};

describe("Mileage", () => {
  it("logs a day's actual km from the French decimal typed, then shows the totals", async () => {
    vi.mocked(api.GET).mockResolvedValue(ok(MILEAGE) as never);
    const logged = { ...DAY, actual_km: "92.5", actual_co2_kg: "20" };
    vi.mocked(api.PUT).mockResolvedValue(ok({ ...MILEAGE, days: [logged], actual_km: "92.5" }) as never);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Mileage tourId={5} />
      </QueryClientProvider>,
    );
    const region = screen.getByRole("region", { name: "Kilomètres réels" });
    const total = await within(region).findByRole("row", { name: /Total/ });
    expect(total).toHaveTextContent("une fois chaque jour saisi");
    const user = userEvent.setup();
    await user.type(within(region).getByRole("textbox", { name: /^Km réels du / }), "92,5");
    await user.click(within(region).getByRole("button", { name: "Enregistrer" }));
    expect(await within(region).findByText("Enregistré.")).toBeInTheDocument();
    expect(vi.mocked(api.PUT).mock.calls[0][1]).toMatchObject({
      params: { path: { tour_id: 5, day_index: 0 } },
      body: { actual_km: 92.5 },
    });
    expect(within(region).getByRole("row", { name: /Total/ })).toHaveTextContent("92,5 km");
  });

  it("sends a number when it reads one, else the text for the server to name", () => {
    expect(actualKmOf(" 92,5 ")).toBe(92.5);
    expect(actualKmOf("")).toBe("");
    expect(actualKmOf("beaucoup")).toBe("beaucoup");
  });
});
