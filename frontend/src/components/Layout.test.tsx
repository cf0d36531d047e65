// @vitest-environment happy-dom
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Layout } from "./Layout";

const session = vi.hoisted(() => ({ me: { full_name: "Julien Thomas", role: "trainee" } }));
vi.mock("../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: session.me, logout: vi.fn() }) };
});

beforeEach(() => {
  session.me = { full_name: "Julien Thomas", role: "trainee" };
});

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route element={<Layout />}>
          <Route path="*" element={<p>Une page</p>} />
        </Route>
      </Routes>
    </MemoryRouter>,
  );
}

const menuLinks = () =>
  within(screen.getByRole("navigation", { name: "Navigation principale" }))
    .getAllByRole("link")
    .map((a) => [a.textContent, a.getAttribute("href")]);

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

  it("gives a company tutor their three entries only, the notes to read marked on the home page", () => {
    session.me = { full_name: "Marc Lemaire", role: "tutor" };
    renderAt("/");
    expect(menuLinks()).toEqual([
      ["Notes à lire", "/notes/a-lire"],
      ["Analyses", "/analyses"],
      ["Alternants", "/alternants"],
    ]);
    expect(screen.getByRole("link", { name: "Notes à lire" })).toHaveClass("active");
    expect(screen.getByText("(tuteur en entreprise)")).toBeInTheDocument();
  });

  it("gives trainers the notes to read and the cohort dashboard; trainees their gap analyses", () => {
    session.me = { full_name: "Claire Formatrice", role: "trainer" };
    renderAt("/notes/4");
    expect(menuLinks()).toContainEqual(["Notes à lire", "/notes/a-lire"]);
    expect(menuLinks()).toContainEqual(["Tableau de bord", "/formateur/tableau-de-bord"]);
    expect(menuLinks()).not.toContainEqual(["Prospects", "/prospects"]);
    expect(screen.getByRole("link", { name: "Notes à lire" })).toHaveClass("active");
  });

  it("gives trainees « Analyse des écarts », current on their notes too", () => {
    renderAt("/notes/4");
    expect(screen.getByRole("link", { name: "Analyse des écarts" })).toHaveAttribute("href", "/analyses");
    expect(screen.getByRole("link", { name: "Analyse des écarts" })).toHaveClass("active");
    expect(menuLinks()).not.toContainEqual(["Notes à lire", "/notes/a-lire"]);
  });
});
