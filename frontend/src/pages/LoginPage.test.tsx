// @vitest-environment happy-dom
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/problem";
import { LoginPage } from "./LoginPage";

const login = vi.fn();
vi.mock("../auth/AuthContext", () => ({ useAuth: () => ({ me: null, login, endReason: "expired" }) }));

function renderPage() {
  render(
    <MemoryRouter>
      <LoginPage />
    </MemoryRouter>,
  );
}

describe("LoginPage", () => {
  beforeEach(() => {
    login.mockReset();
  });

  it("signs in with the trimmed e-mail and the password as typed", async () => {
    login.mockResolvedValue(undefined);
    const user = userEvent.setup();
    renderPage();
    expect(screen.getByText("Votre session a expiré : reconnectez-vous.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Adresse e-mail"), " lea@example.org ");
    await user.type(screen.getByLabelText("Mot de passe"), " secret ");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(login).toHaveBeenCalledWith("lea@example.org", " secret ");
  });

  it("says why the sign-in failed, and lets the person try again", async () => {
    login.mockRejectedValue(new ApiError({ status: 401, title: "Identifiants incorrects" }));
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText("Adresse e-mail"), "lea@example.org");
    await user.type(screen.getByLabelText("Mot de passe"), "faux");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Identifiants incorrects");
    expect(screen.getByRole("button", { name: "Se connecter" })).toBeEnabled();
  });
});
