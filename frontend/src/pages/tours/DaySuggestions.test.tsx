// @vitest-environment happy-dom
import type { SuggestionOut as Suggestion } from "../../api/types";
import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DaySuggestions } from "./DaySuggestions";

const suggestion = (id: number, name: string, km: number): Suggestion => ({
  prospect_id: id,
  name,
  priority: "A",
  potential: "12000",
  day_index: 0,
  date: "2026-12-14",
  insert_position: 1,
  after: "Boulangerie Martin",
  extra_km: km,
  extra_minutes: 9,
  extra_co2_kg: km * 0.2,
  day_end: "2026-12-14T17:40:00+01:00",
});

describe("DaySuggestions", () => {
  it("asks only when opened, marks the prospects already taken and hands one back", async () => {
    const fetch = vi.fn(async () => [suggestion(1, "Garage Roy", 4.2), suggestion(2, "Fleurs de Tullins", 6.5)]);
    const onAction = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <DaySuggestions
          dayIndex={0}
          query={(day) => ({ queryKey: ["test", day], queryFn: fetch })}
          actionLabel="Ajouter à la tournée"
          onAction={onAction}
          isTaken={(id) => id === 2}
        />
      </QueryClientProvider>,
    );
    expect(fetch).not.toHaveBeenCalled();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Voir les prospects à ajouter" }));
    const table = await screen.findByRole("table", { name: "Prospects à ajouter au jour 1 et leur détour" });
    expect(table).toHaveTextContent("Garage Roy");
    const taken = within(table).getByRole("row", { name: /Fleurs de Tullins/ });
    expect(within(taken).getByRole("button", { name: "Ajouté" })).toHaveAttribute("aria-disabled", "true");
    expect(table).toHaveTextContent("+4,2 km");
    await user.click(screen.getByRole("button", { name: "Ajouter à la tournée" }));
    expect(onAction).toHaveBeenCalledWith(expect.objectContaining({ prospect_id: 1 }));
    await user.click(within(taken).getByRole("button", { name: "Ajouté" }));
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it("keeps the keyboard focus on the row after adding (issue 13: it fell to the page)", async () => {
    const fetch = vi.fn(async () => [suggestion(1, "Garage Roy", 4.2), suggestion(2, "Fleurs de Tullins", 6.5)]);
    function Planner() {
      const [taken, setTaken] = useState<number[]>([]);
      return (
        <DaySuggestions
          dayIndex={0}
          query={(day) => ({ queryKey: ["focus", day], queryFn: fetch })}
          actionLabel="Ajouter à la tournée"
          onAction={(s) => setTaken((t) => [...t, s.prospect_id])}
          isTaken={(id) => taken.includes(id)}
        />
      );
    }
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Planner />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Voir les prospects à ajouter" }));
    const table = await screen.findByRole("table", { name: "Prospects à ajouter au jour 1 et leur détour" });
    const row = within(table).getByRole("row", { name: /Garage Roy/ });
    within(row).getByRole("button", { name: "Ajouter à la tournée" }).focus();
    await user.keyboard("{Enter}");
    const added = within(row).getByRole("button", { name: "Ajouté" });
    expect(added).toHaveFocus();
    expect(document.body).not.toHaveFocus();
  });
});
