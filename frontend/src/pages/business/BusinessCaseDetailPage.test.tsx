// @vitest-environment happy-dom
// A case for its writers: publish (with the version read), the draft edited as JSON (checked
// here, then by the server, faults listed by path, a stale version said), the assignments
// (a 409 naming the case held, then « Remplacer »; removing one) and the exports.
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { downloadFile } from "../../api/download";
import { failure, fieldErrors, ok, renderWithClient, staleVersion } from "../../test-utils";
import example from "../../../../tests/data/business_case_example.json";
import { BusinessCaseDetailPage } from "./BusinessCaseDetailPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PUT: vi.fn(), DELETE: vi.fn() } };
});
vi.mock("../../api/download", () => ({ downloadFile: vi.fn(async () => "cas.json") }));

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);
const put = vi.mocked(api.PUT);
const del = vi.mocked(api.DELETE);

const CASE = {
  id: 4,
  name: "Rhône Télécom Services",
  status: "published",
  published_number: 1,
  version: 3,
  sector: "61.10Z",
  products: 8,
  segments: 3,
  assignments: 1,
  draft_changed: true,
  created_at: "2026-07-20T07:40:00Z",
  updated_at: "2026-12-06T03:23:20Z",
  document_version: 0,
  document: example,
};

function serve(overrides: Record<string, unknown> = {}) {
  get.mockImplementation(((path: string) => {
    const answers: Record<string, unknown> = {
      "/api/v1/business-cases/{case_id}": { ...CASE, ...overrides },
      "/api/v1/business-cases/{case_id}/versions": [
        { id: 11, business_case_id: 4, number: 1, published_at: "2026-07-30T12:25:00Z", published_by_id: 2 },
      ],
      "/api/v1/business-cases/{case_id}/assignments": [
        {
          id: 31,
          business_case_id: 4,
          cohort_id: 1,
          cohort_name: "Session 2026",
          trainee_id: null,
          trainee_name: null,
          assigned_at: "2026-07-30T13:00:00Z",
        },
      ],
      "/api/v1/cohorts": {
        items: [
          { id: 1, name: "Session 2026" },
          { id: 2, name: "Session 2027" },
        ],
        total: 2,
      },
      "/api/v1/users": { items: [{ id: 13, full_name: "Théo Benali" }], total: 1 },
    };
    return Promise.resolve(ok(answers[path]));
  }) as never);
}

function renderPage() {
  renderWithClient(
    <MemoryRouter initialEntries={["/entreprise/4"]}>
      <Routes>
        <Route path="/entreprise/:id" element={<BusinessCaseDetailPage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  for (const m of [get, post, put, del]) m.mockReset();
  vi.mocked(downloadFile).mockClear();
  serve();
});

describe("BusinessCaseDetailPage", () => {
  it("publishes the draft with the version read, and exports the draft and a version", async () => {
    const user = userEvent.setup();
    renderPage();
    const state = await screen.findByRole("region", { name: "État du cas" });
    expect(state).toHaveTextContent("Brouillon modifié depuis la version 1");
    post.mockResolvedValueOnce(
      ok({ id: 12, business_case_id: 4, number: 2, published_at: "", published_by_id: 2 }, 201) as never,
    );
    await user.click(within(state).getByRole("button", { name: "Publier" }));
    expect(await within(state).findByText(/^Version 2 publiée/)).toHaveAttribute("role", "status");
    expect(post).toHaveBeenCalledWith("/api/v1/business-cases/{case_id}/publish", {
      params: { path: { case_id: 4 } },
      body: { version: 3 },
    });
    await user.click(within(state).getByRole("button", { name: "Exporter le brouillon (JSON)" }));
    expect(downloadFile).toHaveBeenCalledWith("/api/v1/business-cases/4/export", "cas-4-brouillon.json");
    await user.click(screen.getByRole("button", { name: "Télécharger la version 1 (JSON)" }));
    expect(downloadFile).toHaveBeenCalledWith("/api/v1/business-cases/4/export?version=1", "cas-4-v1.json");
  });

  it("edits the draft as JSON: a text that is not JSON, faults by path, a stale version", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Modifier le brouillon (JSON)" }));
    const editor = screen.getByLabelText("Document JSON du brouillon");
    expect((editor as HTMLTextAreaElement).value).toContain('"name": "Rhône Télécom Services"');
    const save = screen.getByRole("button", { name: "Enregistrer le brouillon" });

    fireEvent.change(editor, { target: { value: '{"schema_version": 1,' } });
    await user.click(save);
    expect(editor).toHaveAccessibleDescription(/^JSON mal formé/);
    expect(put).not.toHaveBeenCalled();

    const changed = { ...example, policy: { ...example.policy, payment_terms_days: 90 } };
    fireEvent.change(editor, { target: { value: JSON.stringify(changed) } });
    put.mockResolvedValueOnce(
      fieldErrors({ field: "document.policy.payment_terms_days", message: "Délai de paiement trop long." }) as never,
    );
    await user.click(save);
    const refused = await screen.findByRole("alert");
    expect(refused).toHaveTextContent("Brouillon refusé, rien n'a changé : 1 erreur.");
    expect(within(refused).getByRole("listitem")).toHaveTextContent(
      "policy.payment_terms_days : Délai de paiement trop long.",
    );
    expect(put).toHaveBeenCalledWith("/api/v1/business-cases/{case_id}", {
      params: { path: { case_id: 4 } },
      body: { version: 3, document: changed },
    });

    put.mockResolvedValueOnce(staleVersion() as never);
    await user.click(save);
    expect(await screen.findByText(/Ce cas a été modifié entre-temps/)).toBeInTheDocument();
  });

  it("assigns to a cohort: the case already held is named, then replaced; an assignment is removed", async () => {
    const user = userEvent.setup();
    renderPage();
    const card = await screen.findByRole("region", { name: "Attributions" });
    expect(await within(card).findByRole("row", { name: /Promotion « Session 2026 »/ })).toBeInTheDocument();
    const form = within(card).getByRole("form", { name: "Attribuer le cas" });
    await user.selectOptions(await within(form).findByLabelText("Promotion"), "2");
    post.mockResolvedValueOnce(
      failure({
        type: "urn:capvente:problem:conflict",
        title: "Conflit",
        status: 409,
        detail:
          "Cette promotion a déjà un cas d'entreprise : « Soleil du Dauphiné » (n° 6). Envoyez replace=true pour le remplacer.",
        business_case_id: 6,
      }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Attribuer" }));
    const conflict = await within(form).findByRole("alert");
    expect(conflict).toHaveTextContent("Cette promotion a déjà un cas d'entreprise : « Soleil du Dauphiné » (n° 6).");
    expect(conflict).not.toHaveTextContent("replace=true");
    post.mockResolvedValueOnce(ok({ id: 32 }, 201) as never);
    await user.click(within(conflict).getByRole("button", { name: "Remplacer" }));
    expect(await within(form).findByRole("status")).toHaveTextContent("Cas attribué.");
    expect(post.mock.calls.map((c) => (c[1] as { body: unknown }).body)).toEqual([
      { cohort_id: 2, replace: false },
      { cohort_id: 2, replace: true },
    ]);

    del.mockResolvedValueOnce(ok(null, 204) as never);
    await user.click(within(card).getByRole("button", { name: "Retirer" }));
    await user.click(within(card).getByRole("button", { name: "Oui, retirer" }));
    expect(del).toHaveBeenCalledWith("/api/v1/business-cases/{case_id}/assignments/{assignment_id}", {
      params: { path: { case_id: 4, assignment_id: 31 } },
    });
  });

  it("offers neither assignment nor archive for a draft never published, but its deletion", async () => {
    serve({ status: "draft", published_number: 0, draft_changed: false, assignments: 0 });
    renderPage();
    const card = await screen.findByRole("region", { name: "Attributions" });
    expect(within(card).getByText("Publiez le cas pour pouvoir l'attribuer.")).toBeInTheDocument();
    expect(within(card).queryByRole("form")).toBeNull();
    expect(screen.queryByRole("button", { name: "Archiver" })).toBeNull();
    expect(screen.getByRole("button", { name: "Supprimer" })).toBeInTheDocument();
  });
});
