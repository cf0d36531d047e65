// @vitest-environment happy-dom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { checkPasswordDraft, PasswordForm } from "./PasswordForm";
import { ok, fieldErrors, renderWithClient } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const login = vi.fn();
vi.mock("../../auth/AuthContext", () => ({ useAuth: () => ({ login }) }));

function renderForm() {
  renderWithClient(<PasswordForm email="lea@example.org" />);
}

describe("PasswordForm", () => {
  it("checks the draft before asking the server", () => {
    expect(checkPasswordDraft({ current: "", next: "", confirm: "", revokeTokens: true })).toEqual({
      current_password: "Champ obligatoire",
      new_password: "Champ obligatoire",
      confirm: "Champ obligatoire",
    });
    expect(checkPasswordDraft({ current: "a", next: "court", confirm: "court", revokeTokens: true })).toEqual({
      new_password: "Au moins 10 caractères.",
    });
    expect(
      checkPasswordDraft({ current: "a", next: "assez long oui", confirm: "assez long non", revokeTokens: true }),
    ).toEqual({
      confirm: "Les deux saisies du nouveau mot de passe diffèrent.",
    });
  });

  it("changes the password, revokes the tokens unless unticked, and opens the next session", async () => {
    vi.mocked(api.POST).mockResolvedValue(ok(undefined, 204) as never);
    login.mockResolvedValue(undefined);
    const user = userEvent.setup();
    renderForm();
    const revoke = screen.getByRole("checkbox", { name: /Révoquer aussi mes jetons d'API/ });
    expect(revoke).toBeChecked();
    await user.click(revoke);
    await user.type(screen.getByLabelText("Mot de passe actuel"), "ancien mot de passe");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "nouveau mot de passe");
    await user.type(screen.getByLabelText("Confirmer le nouveau mot de passe"), "nouveau mot de passe");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByText(/vos jetons d'API restent valables/)).toBeVisible();
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
      "/api/v1/me/password",
      {
        body: {
          current_password: "ancien mot de passe",
          new_password: "nouveau mot de passe",
          revoke_api_tokens: false,
        },
      },
    ]);
    expect(login).toHaveBeenCalledWith("lea@example.org", "nouveau mot de passe");
    expect(screen.getByLabelText("Mot de passe actuel")).toHaveValue("");
  });

  it("shows the server's refusal beside the current password", async () => {
    vi.mocked(api.POST).mockResolvedValue(
      fieldErrors({ field: "current_password", message: "Mot de passe actuel incorrect.", type: "rule" }) as never,
    );
    login.mockClear();
    const user = userEvent.setup();
    renderForm();
    await user.type(screen.getByLabelText("Mot de passe actuel"), "faux");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "nouveau mot de passe");
    await user.type(screen.getByLabelText("Confirmer le nouveau mot de passe"), "nouveau mot de passe");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByText("Mot de passe actuel incorrect.")).toBeVisible();
    expect(screen.getByLabelText("Mot de passe actuel")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Corrigez les champs signalés.")).toBeVisible();
    expect(login).not.toHaveBeenCalled();
  });
});
