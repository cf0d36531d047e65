// @vitest-environment happy-dom
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";
import { Layout } from "./Layout";

vi.mock("../auth/AuthContext", () => ({
  useAuth: () => ({ me: { full_name: "Julien Thomas", role: "trainee" }, logout: vi.fn() }),
  isStaff: () => false,
}));

describe("the layout's menu", () => {
  it("folds behind a button that says whether it is open, and closes when a page is chosen", async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialEntries={["/"]}>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<p>Accueil</p>} />
            <Route path="prospects" element={<p>Le fichier</p>} />
          </Route>
        </Routes>
      </MemoryRouter>,
    );
    const toggle = screen.getByRole("button", { name: "Menu" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(toggle).toHaveAttribute("aria-controls", "menu-principal");
    expect(document.getElementById("menu-principal")).toHaveAttribute("aria-label", "Navigation principale");
    await user.click(toggle);
    expect(screen.getByRole("button", { name: "Fermer le menu" })).toHaveAttribute("aria-expanded", "true");
    expect(document.querySelector(".topbar")).toHaveClass("menu-open");
    await user.click(screen.getByRole("link", { name: "Prospects" }));
    expect(await screen.findByText("Le fichier")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  });

  it("marks « Suivi » as the current entry on every page of the sales follow-up", () => {
    render(
      <MemoryRouter initialEntries={["/factures/3"]}>
        <Routes>
          <Route element={<Layout />}>
            <Route path="factures/:id" element={<p>Une facture</p>} />
          </Route>
        </Routes>
      </MemoryRouter>,
    );
    const suivi = screen.getByRole("link", { name: "Suivi" });
    expect(suivi).toHaveAttribute("href", "/commandes");
    expect(suivi).toHaveClass("active");
    expect(screen.getByRole("link", { name: "Ventes" })).not.toHaveClass("active");
  });
});
