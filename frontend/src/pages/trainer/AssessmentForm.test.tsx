// @vitest-environment happy-dom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { AssessmentForm } from "./AssessmentForm";
import { ok, fieldErrors, renderWithClient } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const criterion = {
  code: "CP1.1",
  text: "La sélection des outils de veille est pertinente",
  evidence_count: 2,
  last_at: null,
  first_at: null,
  recent: [],
  assessment: null,
};

function renderForm(onSaved = vi.fn()) {
  renderWithClient(<AssessmentForm traineeId={11} criterion={criterion} onSaved={onSaved} onCancel={vi.fn()} />);
  return onSaved;
}

describe("AssessmentForm", () => {
  it("posts the level and trimmed comment for its criterion", async () => {
    const saved = {
      id: 5,
      trainee_id: 11,
      criterion_code: "CP1.1",
      level: "acquired",
      comment: "Bien",
      assessor_id: 2,
      assessor_name: "Claire",
      framework_version: "v",
      created_at: "2026-11-27T10:00:00Z",
    };
    vi.mocked(api.POST).mockResolvedValue(ok(saved, 201) as never);
    const user = userEvent.setup();
    const onSaved = renderForm();
    expect(screen.getByLabelText(/Niveau/)).toHaveValue("");
    expect(screen.getByLabelText(/Niveau/)).toBeRequired();
    await user.selectOptions(screen.getByLabelText(/Niveau/), "acquired");
    await user.type(screen.getByLabelText("Commentaire"), "  Bien  ");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'évaluation" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(vi.mocked(api.POST).mock.calls[0][1]).toEqual({
      params: { path: { trainee_id: 11 } },
      body: { criterion_code: "CP1.1", level: "acquired", comment: "Bien" },
    });
  });

  it("requires a level: nothing is sent without one, and « Non évalué » is not offered", async () => {
    vi.mocked(api.POST).mockClear();
    const user = userEvent.setup();
    const onSaved = renderForm();
    const select = screen.getByLabelText(/Niveau/);
    expect([...select.querySelectorAll("option:not([disabled])")].map((o) => o.textContent)).toEqual([
      "En cours d'acquisition",
      "Acquis",
    ]);
    await user.click(screen.getByRole("button", { name: "Enregistrer l'évaluation" }));
    expect(await screen.findByText("Champ obligatoire : choisissez un niveau.")).toBeVisible();
    expect(select).toHaveAttribute("aria-invalid", "true");
    expect(api.POST).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows the server's field errors beside their fields", async () => {
    vi.mocked(api.POST).mockResolvedValue(
      fieldErrors({
        field: "comment",
        message: "Trop long (au plus 4000 caractères).",
        type: "string_too_long",
      }) as never,
    );
    const user = userEvent.setup();
    const onSaved = renderForm();
    await user.selectOptions(screen.getByLabelText(/Niveau/), "in_progress");
    await user.type(screen.getByLabelText("Commentaire"), "x");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'évaluation" }));
    expect(await screen.findByText("Trop long (au plus 4000 caractères).")).toBeVisible();
    expect(screen.getByLabelText("Commentaire")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows other failures in an alert", async () => {
    vi.mocked(api.POST).mockResolvedValue({
      error: {
        type: "urn:capvente:problem:forbidden",
        title: "Accès refusé",
        status: 403,
        detail: "Réservé aux formateurs.",
      },
      response: new Response(null, { status: 403 }),
    } as never);
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(screen.getByLabelText(/Niveau/), "acquired");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'évaluation" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Réservé aux formateurs.");
  });
});
