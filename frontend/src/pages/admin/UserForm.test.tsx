// @vitest-environment happy-dom
import type { CohortOut, UserOut } from "../../api/types";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { UserForm } from "./UserForm";
import { ok, fieldErrors, staleVersion, renderWithClient } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } };
});

const COHORTS = [
  {
    id: 7,
    name: "Session mars",
    organisation_id: 1,
    starts_on: null,
    ends_on: null,
    trainer_ids: [],
    trainee_count: 0,
    created_at: "2026-11-27T10:00:00Z",
    version: 1,
  },
] as CohortOut[];
const TRAINEE = {
  id: 21,
  email: "lea@example.org",
  full_name: "Léa Martin",
  role: "trainee",
  is_active: true,
  organisation_id: 1,
  cohort_id: 7,
  last_login_at: null,
  created_at: "2026-11-27T10:00:00Z",
  version: 3,
} as UserOut;

function renderForm(user: UserOut | null, selfId = 1) {
  const onSaved = vi.fn();
  renderWithClient(<UserForm user={user} cohorts={COHORTS} selfId={selfId} onSaved={onSaved} onCancel={vi.fn()} />);
  return onSaved;
}

describe("UserForm", () => {
  it("says which required fields are empty, beside them, without calling the server", async () => {
    const user = userEvent.setup();
    renderForm(null);
    await user.click(screen.getByRole("button", { name: "Créer le compte" }));
    expect(screen.getAllByText("Champ obligatoire")).toHaveLength(3);
    expect(screen.getByLabelText("Adresse e-mail")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Mot de passe initial")).toHaveAttribute("aria-invalid", "true");
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("creates a trainee in a cohort and shows the server's field errors", async () => {
    vi.mocked(api.POST).mockResolvedValueOnce(
      fieldErrors({
        field: "email",
        message: "Un compte existe déjà avec cette adresse e-mail.",
        type: "rule",
      }) as never,
    );
    const user = userEvent.setup();
    const onSaved = renderForm(null);
    await user.type(screen.getByLabelText("Adresse e-mail"), " nouveau@example.org ");
    await user.type(screen.getByLabelText("Nom complet"), "Nouveau Stagiaire");
    await user.selectOptions(screen.getByLabelText("Cohorte suivie"), "7");
    await user.type(screen.getByLabelText("Mot de passe initial"), "un mot de passe sûr");
    await user.click(screen.getByRole("button", { name: "Créer le compte" }));
    expect(await screen.findByText("Un compte existe déjà avec cette adresse e-mail.")).toBeVisible();
    expect(vi.mocked(api.POST).mock.calls[0][1]).toEqual({
      body: {
        email: "nouveau@example.org",
        full_name: "Nouveau Stagiaire",
        role: "trainee",
        password: "un mot de passe sûr",
        cohort_id: 7,
      },
    });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("edits role and activation with the version it read; a trainer follows no cohort", async () => {
    vi.mocked(api.PATCH).mockResolvedValue(ok({ ...TRAINEE, role: "trainer" }) as never);
    const user = userEvent.setup();
    const onSaved = renderForm(TRAINEE);
    await user.selectOptions(screen.getByLabelText("Rôle"), "trainer");
    expect(screen.queryByLabelText("Cohorte suivie")).toBeNull();
    await user.click(screen.getByRole("checkbox", { name: /Compte actif/ }));
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(vi.mocked(api.PATCH).mock.calls[0][1]).toEqual({
      params: { path: { user_id: 21 } },
      body: { version: 3, full_name: "Léa Martin", role: "trainer", cohort_id: null, is_active: false },
    });
  });

  it("does not let admins demote or deactivate themselves", () => {
    renderForm({ ...TRAINEE, role: "admin" }, TRAINEE.id);
    expect(screen.getByLabelText("Rôle")).toBeDisabled();
    expect(screen.getByRole("checkbox", { name: /Compte actif/ })).toBeDisabled();
  });

  it("says when the account changed meanwhile, and keeps the form open", async () => {
    vi.mocked(api.PATCH).mockResolvedValue(staleVersion() as never);
    const user = userEvent.setup();
    const onSaved = renderForm(TRAINEE);
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Ce compte a été modifié entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire et rouvrez-le depuis la liste à jour.",
    );
    expect(onSaved).not.toHaveBeenCalled();
  });
});
