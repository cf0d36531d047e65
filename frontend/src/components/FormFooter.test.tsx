// @vitest-environment happy-dom
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../api/problem";
import { FormFooter, changedMeanwhile } from "./FormFooter";

const STALE = new ApiError({
  type: "urn:capvente:problem:stale-version",
  title: "La ressource a été modifiée entre-temps",
  status: 409,
});

describe("FormFooter", () => {
  it("says the whole stale sentence and offers to reload the list", async () => {
    const onReload = vi.fn();
    render(
      <FormFooter
        error={STALE}
        pending={false}
        stale={changedMeanwhile("Ce persona")}
        submitLabel="Enregistrer les modifications"
        onReload={onReload}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Ce persona a été modifié entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire, puis rouvrez-le depuis la liste à jour pour partir de la version actuelle.",
    );
    await userEvent.setup().click(screen.getByRole("button", { name: "Fermer et recharger la liste" }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it("has no reload button without onReload, nor a cancel button without onCancel", () => {
    render(
      <FormFooter
        error={STALE}
        pending={false}
        stale="Ce compte a été modifié entre-temps."
        submitLabel="Enregistrer"
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent(/^Ce compte a été modifié entre-temps\.$/);
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["Enregistrer"]);
  });

  it("asks to correct the fields the form found wrong, and shows the pending submit", async () => {
    const onCancel = vi.fn();
    render(<FormFooter error={null} local pending stale="…" submitLabel="Créer le compte" onCancel={onCancel} />);
    expect(screen.getByRole("status")).toHaveTextContent("Corrigez les champs signalés.");
    expect(screen.getByRole("button", { name: "Enregistrement…" })).toBeDisabled();
    await userEvent.setup().click(screen.getByRole("button", { name: "Annuler" }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it("says nothing without an error", () => {
    const { container } = render(<FormFooter error={null} pending={false} stale="…" submitLabel="Enregistrer" />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
    expect(container.querySelector(".wide")).toBeNull();
  });

  it("agrees the past participle with its subject", () => {
    expect(changedMeanwhile("Cette campagne")).toMatch(/^Cette campagne a été modifiée entre-temps/);
    expect(changedMeanwhile("Ce script")).toMatch(/^Ce script a été modifié entre-temps/);
  });
});
