// @vitest-environment happy-dom
// The status change of a record (StatusForm) and the prospect file's table (ProspectTable).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { ProspectOut as Prospect } from "../../api/types";
import { ProspectTable } from "./ProspectTable";
import { StatusForm } from "./StatusForm";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const post = vi.mocked(api.POST);

function prospect(id: number, name: string, extra: Partial<Prospect> = {}): Prospect {
  return {
    id,
    name,
    kind: "company",
    status: "prospect",
    priority: "B",
    city: "Lyon",
    sector: null,
    potential: null,
    next_contact_on: null,
    owner_id: 1,
    persona_match: 80,
    ...extra,
  } as Prospect;
}

describe("StatusForm", () => {
  beforeEach(() => post.mockReset());

  it("changes the status, says so and starts again from an empty choice", async () => {
    post.mockResolvedValue({
      data: prospect(1, "Alpha", { status: "qualified" }),
      response: new Response(null, { status: 200 }),
    } as never);
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <StatusForm prospect={prospect(1, "Alpha")} />
      </QueryClientProvider>,
    );
    const submit = screen.getByRole("button", { name: "Changer le statut" });
    expect(submit).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Nouveau statut"), "qualified");
    await user.type(screen.getByLabelText("Raison"), " salon ");
    await user.click(submit);
    expect(await screen.findByRole("status")).toHaveTextContent("Statut changé : Qualifié.");
    expect(post.mock.calls[0][1]).toEqual({
      params: { path: { prospect_id: 1 } },
      body: { status: "qualified", reason: "salon" },
    });
    expect(screen.getByLabelText("Nouveau statut")).toHaveValue("");
    expect(screen.getByLabelText("Raison")).toHaveValue("");
  });

  it("offers the statuses the lifecycle allows after a refused move", async () => {
    post.mockResolvedValue({
      error: {
        type: "urn:capvente:problem:invalid-transition",
        title: "Changement de statut impossible",
        status: 409,
        allowed: ["qualified", "lost"],
      },
      response: new Response(null, { status: 409 }),
    } as never);
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <StatusForm prospect={prospect(1, "Alpha")} />
      </QueryClientProvider>,
    );
    await user.selectOptions(screen.getByLabelText("Nouveau statut"), "customer");
    await user.click(screen.getByRole("button", { name: "Changer le statut" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Depuis « Prospect », statuts possibles");
    await user.click(within(alert).getByRole("button", { name: "Perdu" }));
    expect(screen.getByLabelText("Nouveau statut")).toHaveValue("lost");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("ProspectTable", () => {
  const rows = [prospect(1, "Alpha"), prospect(2, "Bêta")];

  it("selects a row or the whole page for the trainee", async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(
      <MemoryRouter>
        <ProspectTable rows={rows} today="2026-12-01" withMatch={false} selected={new Map()} onSelect={onSelect} />
      </MemoryRouter>,
    );
    await user.click(screen.getByLabelText("Sélectionner toutes les fiches de la page"));
    expect(onSelect).toHaveBeenLastCalledWith(rows, true);
    await user.click(screen.getByLabelText("Sélectionner Bêta"));
    expect(onSelect).toHaveBeenLastCalledWith([rows[1]], true);
    expect(screen.queryByRole("columnheader", { name: "Stagiaire" })).toBeNull();
  });

  it("names each record's trainee for staff, without selection, and the persona match", () => {
    render(
      <MemoryRouter>
        <ProspectTable rows={rows} today="2026-12-01" withMatch onSelect={vi.fn()} owner={() => "Léa Martin"} />
      </MemoryRouter>,
    );
    expect(screen.queryByRole("checkbox")).toBeNull();
    expect(screen.getByRole("columnheader", { name: "Stagiaire" })).toBeInTheDocument();
    expect(screen.getAllByText("Léa Martin")).toHaveLength(2);
    expect(screen.getAllByText("80 / 100")).toHaveLength(2);
  });
});
