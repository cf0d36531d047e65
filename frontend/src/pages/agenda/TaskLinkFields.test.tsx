// @vitest-environment happy-dom
import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { ok } from "../../test-utils";
import { TaskLinkFields } from "./TaskLinkFields";
import type { TaskValues } from "./taskForm";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});

type Link = Pick<TaskValues, "link_kind" | "link_id" | "link_label">;
const NONE: Link = { link_kind: "", link_id: null, link_label: "" };

function Harness(props: { initial: Link; errors?: Record<string, string> }) {
  const [value, setValue] = useState(props.initial);
  return (
    <>
      <TaskLinkFields value={value} onChange={(c) => setValue((v) => ({ ...v, ...c }))} errors={props.errors ?? {}} />
      <output aria-label="Lien envoyé">{JSON.stringify([value.link_kind, value.link_id])}</output>
    </>
  );
}

function renderWith(initial: Link, errors?: Record<string, string>) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Harness initial={initial} errors={errors} />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const sent = () => screen.getByRole("status", { name: "Lien envoyé" }).textContent;

describe("TaskLinkFields", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.GET).mockImplementation((async (path: string, init?: { params?: { query?: { q?: string } } }) => {
      if (path === "/api/v1/prospects") {
        expect(init?.params?.query?.q).toBe("boul");
        return ok({ items: [{ id: 12, name: "Boulangerie Martin", kind: "company", city: "Lyon" }], total: 1 });
      }
      if (path === "/api/v1/invoices") {
        const items = [{ id: 5, number: "FAC-2026-00001", prospect_name: "Charpente Pierre", due_on: "2026-11-16" }];
        return ok({ items, total: 1 });
      }
      if (path === "/api/v1/plans") return ok({ items: [{ id: 2, title: "PAC premier semestre" }], total: 1 });
      if (path === "/api/v1/plans/{plan_id}") {
        return ok({ id: 2, actions: [{ id: 31, title: "Salon de l'habitat", starts_on: "2027-03-12" }] });
      }
      throw new Error(`unexpected GET ${path}`);
    }) as never);
  });

  it("links a prospect found by search, and lets the choice be changed", async () => {
    const user = renderWith(NONE);
    await user.selectOptions(screen.getByLabelText("Type de fiche"), "Prospect");
    await user.type(screen.getByLabelText("Prospect à lier"), "boul{Enter}");
    await user.click(await screen.findByRole("button", { name: "Boulangerie Martin (entreprise, Lyon)" }));
    expect(screen.getByText("Boulangerie Martin")).toBeInTheDocument();
    expect(sent()).toBe('["prospect",12]');
    await user.click(screen.getByRole("button", { name: "Changer de fiche" }));
    expect(screen.getByLabelText("Prospect à lier")).toBeInTheDocument();
    expect(sent()).toBe('["prospect",null]');
    await user.selectOptions(screen.getByLabelText("Type de fiche"), "Aucune");
    expect(sent()).toBe('["",null]');
  });

  it("links an action of a plan: the plan, then one of its actions", async () => {
    const user = renderWith(NONE);
    await user.selectOptions(screen.getByLabelText("Type de fiche"), "Action du plan");
    await user.selectOptions(
      screen.getByLabelText("Plan d'actions"),
      await screen.findByRole("option", { name: "PAC premier semestre" }),
    );
    const action = screen.getByLabelText("Action à lier");
    await user.selectOptions(
      action,
      await within(action).findByRole("option", { name: "Salon de l'habitat (12/03/2027)" }),
    );
    expect(screen.getByText("Salon de l'habitat (12/03/2027)")).toBeInTheDocument();
    expect(sent()).toBe('["plan_action",31]');
  });

  it("links a record of the sales follow-up, its due date named", async () => {
    const user = renderWith(NONE);
    await user.selectOptions(screen.getByLabelText("Type de fiche"), "Facture");
    const invoice = screen.getByLabelText("Facture à lier");
    await user.selectOptions(
      invoice,
      await within(invoice).findByRole("option", {
        name: "FAC-2026-00001 — Charpente Pierre (échéance le 16/11/2026)",
      }),
    );
    expect(sent()).toBe('["invoice",5]');
    expect(vi.mocked(api.GET).mock.calls.map((c) => c[0])).toEqual(["/api/v1/invoices"]);
  });

  it("keeps a link to a watch article as it is, and shows the server's refusal beside the choice", () => {
    renderWith(
      { link_kind: "watch_item", link_id: 40, link_label: "Article de veille n° 40" },
      { link_id: "Fiche introuvable." },
    );
    expect(screen.getByLabelText("Type de fiche")).toHaveValue("watch_item");
    expect(screen.getByText("Article de veille n° 40")).toBeInTheDocument();
    expect(screen.getByText("Fiche introuvable.")).toBeInTheDocument();
    expect(api.GET).not.toHaveBeenCalled();
  });
});
