// @vitest-environment happy-dom
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { ProspectOut as Prospect } from "../../api/types";
import { BulkActions } from "./BulkActions";
import { bulkSummary, mergeValue } from "./bulk";
import { fromCampaign, progress, toCampaignBody } from "./campaignForm";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ok, renderWithClient, staleVersion } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});

function prospect(id: number, name: string, extra: Partial<Prospect> = {}): Prospect {
  return { id, name, kind: "company", version: 2, city: "Lyon", status: "prospect", tags: [], ...extra } as Prospect;
}

function renderBar(selected: Prospect[]) {
  const onClear = vi.fn();
  renderWithClient(
    <MemoryRouter initialEntries={["/prospects"]}>
      <Routes>
        <Route
          path="/prospects"
          element={<BulkActions selected={new Map(selected.map((p) => [p.id, p]))} onClear={onClear} />}
        />
        <Route path="/prospects/:id" element={<p>Fiche ouverte</p>} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
  return onClear;
}

describe("BulkActions", () => {
  beforeEach(() => {
    vi.mocked(api.POST).mockReset();
    vi.mocked(api.GET).mockResolvedValue(
      ok({ items: [{ id: 9, name: "Printemps" }], total: 1, limit: 100, offset: 0 }) as never,
    );
  });

  it("applies a tag to the selection and says what happened to each record", async () => {
    vi.mocked(api.POST).mockResolvedValue(
      ok({
        action: "add_tag",
        done: 1,
        unchanged: 1,
        refused: 1,
        not_found: 0,
        results: [
          { id: 1, outcome: "done" },
          { id: 2, outcome: "unchanged", detail: "Étiquette déjà présente." },
          {
            id: 3,
            outcome: "refused",
            rule: "anonymised",
            detail: "Fiche anonymisée : elle ne peut plus être modifiée.",
          },
        ],
      }) as never,
    );
    const user = userEvent.setup();
    renderBar([prospect(1, "Alpha"), prospect(2, "Bêta"), prospect(3, "Gamma")]);
    expect(screen.getByText("3 fiche(s) sélectionnée(s)")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Action à appliquer"), "add_tag");
    await user.type(screen.getByLabelText("Étiquette"), "salon");
    await user.click(screen.getByRole("button", { name: "Appliquer à 3 fiche(s)" }));
    expect(vi.mocked(api.POST).mock.calls[0][1]).toMatchObject({
      body: { ids: [1, 2, 3], action: "add_tag", tag: "salon", status: null, campaign_id: null },
    });
    const result = await screen.findByRole("status", { name: "Résultat de l'action groupée" });
    expect(result).toHaveTextContent("1 fiche(s) modifiée(s), 1 déjà à jour, 1 refusée(s).");
    expect(within(result).getByRole("link", { name: "Gamma" })).toHaveAttribute("href", "/prospects/3");
    expect(result).toHaveTextContent("Fiche anonymisée");
  });

  it("names the missing field of the action beside it", async () => {
    vi.mocked(api.POST).mockResolvedValue({
      error: {
        title: "Données invalides",
        status: 422,
        errors: [
          { location: "body", field: "campaign_id", message: "Champ obligatoire pour l'action « add_to_campaign »." },
        ],
      },
      response: new Response(null, { status: 422 }),
    } as never);
    const user = userEvent.setup();
    renderBar([prospect(1, "Alpha")]);
    await user.selectOptions(screen.getByLabelText("Action à appliquer"), "add_to_campaign");
    await user.click(screen.getByRole("button", { name: "Appliquer à 1 fiche(s)" }));
    expect(await screen.findByText("Champ obligatoire pour l'action « add_to_campaign ».")).toBeInTheDocument();
    expect(screen.getByLabelText("Campagne")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("button", { name: "Fusionner ces deux fiches" })).toBeNull();
  });

  it("merges two duplicates: the server's choice per field, another pick, confirmation", async () => {
    const report = (choices: Record<string, string>) =>
      ok({
        dry_run: true,
        duplicate_id: 2,
        rules: ["Étiquettes : réunies."],
        moved: { contacts: 2, consents: 0 },
        prospect: prospect(1, "Alpha"),
        fields: [
          { field: "name", survivor: "Alpha", duplicate: "ALPHA SARL", kept: choices.name ?? "survivor" },
          { field: "phone", survivor: null, duplicate: "+33478123456", kept: "duplicate" },
          { field: "city", survivor: "Lyon", duplicate: "Lyon", kept: "survivor" },
        ],
      });
    vi.mocked(api.POST).mockImplementation(((
      _path: string,
      init: { body: { dry_run?: boolean; choices: Record<string, string> } },
    ) =>
      Promise.resolve(
        init.body.dry_run ? report(init.body.choices) : ok({ ...(report({}).data as object), dry_run: false }),
      )) as never);
    const user = userEvent.setup();
    renderBar([prospect(1, "Alpha"), prospect(2, "ALPHA SARL", { version: 5 })]);
    await user.click(screen.getByRole("button", { name: "Fusionner ces deux fiches" }));
    const table = await screen.findByRole("table");
    expect(within(table).getByRole("radio", { name: /^\+33478123456\s*\(retenue\)$/ })).toBeChecked();
    expect(screen.getByText("Rattachés à la fiche conservée : 2 contact(s).")).toBeInTheDocument();
    await user.click(within(table).getByRole("radio", { name: /^ALPHA SARL$/ }));
    const calls = vi.mocked(api.POST).mock.calls;
    expect(calls[calls.length - 1][1]).toMatchObject({
      params: { path: { prospect_id: 1 } },
      body: { duplicate_id: 2, version: 2, duplicate_version: 5, dry_run: true, choices: { name: "duplicate" } },
    });
    await user.click(await screen.findByRole("button", { name: "Fusionner…" }));
    await user.click(screen.getByRole("button", { name: "Oui, fusionner" }));
    expect(await screen.findByText("Fiche ouverte")).toBeInTheDocument();
    const last = vi.mocked(api.POST).mock.calls.at(-1)![1] as { body: Record<string, unknown> };
    expect(last.body).toEqual({ duplicate_id: 2, version: 2, duplicate_version: 5, choices: { name: "duplicate" } });
  });

  it("reports a stale record instead of merging", async () => {
    vi.mocked(api.POST).mockResolvedValue(staleVersion() as never);
    const user = userEvent.setup();
    renderBar([prospect(1, "Alpha"), prospect(2, "Bêta")]);
    await user.click(screen.getByRole("button", { name: "Fusionner ces deux fiches" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("modifiée entre-temps");
    expect(screen.queryByRole("button", { name: "Fusionner…" })).toBeNull();
  });
});

describe("wording and payloads", () => {
  it("summarises a bulk report with the parts that are not zero", () => {
    expect(
      bulkSummary({ action: "add_to_campaign", done: 2, unchanged: 0, refused: 0, not_found: 1, results: [] }),
    ).toBe("2 fiche(s) ajoutée(s) à la campagne, 1 introuvable(s).");
    expect(bulkSummary({ action: "status", done: 0, unchanged: 0, refused: 0, not_found: 0, results: [] })).toBe(
      "Aucune fiche traitée.",
    );
  });

  it("shows an address with its coordinates, and empty values as a dash", () => {
    expect(
      mergeValue("address", { address: "1 rue X", postcode: "69002", city: "Lyon", latitude: 45.7, longitude: 4.8 }),
    ).toBe("1 rue X, 69002 Lyon (45.7, 4.8)");
    expect(mergeValue("phone", null)).toBe("—");
  });

  it("builds a campaign's payload with its saved filter", () => {
    const form = {
      ...fromCampaign(),
      name: " Relance ",
      channel: "email" as const,
      filter_status: "qualified",
      filter_tag: "salon",
      objective_contacts: "40",
      persona_id: "3",
    };
    expect(toCampaignBody(form)).toMatchObject({
      name: "Relance",
      channel: "email",
      persona_id: 3,
      objective_contacts: 40,
      objective_appointments: null,
      starts_on: null,
      saved_filter: { status: ["qualified"], tag: "salon" },
    });
    expect(toCampaignBody(fromCampaign()).saved_filter).toBeNull();
    expect(progress(3, 10, "contacts")).toBe("3 / 10 contacts");
    expect(progress(3, null, "contacts")).toBe("3 contacts");
  });
});

describe("ConfirmButton", () => {
  it("asks before doing, and can be cancelled", async () => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(<ConfirmButton label="Supprimer" question="Supprimer « Alpha » ?" onConfirm={onConfirm} />);
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    expect(screen.getByRole("group", { name: "Supprimer « Alpha » ?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Oui, supprimer" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(onConfirm).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    await user.click(screen.getByRole("button", { name: "Oui, supprimer" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});
