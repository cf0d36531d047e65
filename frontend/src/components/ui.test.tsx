// @vitest-environment happy-dom
import { useState } from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DisclosureButton, Field, Pager } from "./ui";

describe("form fields", () => {
  it("show the server's message next to the control and link it for screen readers", () => {
    render(
      <Field label="SIRET" error="SIRET invalide (clé de contrôle).">
        {(p) => <input {...p} />}
      </Field>,
    );
    const input = screen.getByLabelText("SIRET");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("SIRET invalide (clé de contrôle).");
  });
});

describe("required fields and stale messages (issue 13)", () => {
  it("mark a required field for everyone: aria-required, and a « * » that is not part of its name", () => {
    render(
      <Field label="Nom" required>
        {(p) => <input {...p} />}
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: "Nom" });
    expect(input).toHaveAttribute("aria-required", "true");
    expect(screen.getByText("Nom")).toHaveClass("required");
  });

  /** A form whose server answer names the field: `answers` are the messages of each send. */
  function SentForm({ answers }: { answers: string[] }) {
    const [sent, setSent] = useState(0);
    const [value, setValue] = useState("");
    const [pending, setPending] = useState(false);
    const error = !pending && sent > 0 ? answers[sent - 1] : undefined;
    return (
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setPending(true);
          setSent((n) => n + 1);
          setTimeout(() => setPending(false));
        }}
      >
        <Field label="Adresse (URL)" error={error}>
          {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
        <button type="submit">Enregistrer</button>
      </form>
    );
  }

  it("hide the server's message once the field is changed, and show the next answer even if it is the same", async () => {
    const user = userEvent.setup();
    render(<SentForm answers={["Adresse invalide.", "Adresse invalide."]} />);
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    const input = screen.getByLabelText("Adresse (URL)");
    expect(await screen.findByText("Adresse invalide.")).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    await user.type(input, "h");
    expect(screen.queryByText("Adresse invalide.")).toBeNull();
    expect(input).toHaveAttribute("aria-invalid", "false");
    expect(input).not.toHaveAccessibleDescription();
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Adresse invalide.")).toBeInTheDocument();
  });
});

describe("the pager", () => {
  it("moves by pages and stops at both ends", () => {
    const moves: number[] = [];
    render(<Pager offset={20} limit={20} total={45} onOffset={(o) => moves.push(o)} />);
    expect(screen.getByText("Page 2 sur 3 (45 résultats)")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Précédent" }));
    fireEvent.click(screen.getByRole("button", { name: "Suivant" }));
    expect(moves).toEqual([0, 40]);
  });

  it("is not shown when everything fits on one page", () => {
    const { container } = render(<Pager offset={0} limit={20} total={3} onOffset={() => {}} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe("disclosure button", () => {
  function Host() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <DisclosureButton open={open} onToggle={() => setOpen(!open)} closeLabel="Fermer le formulaire">
          Ajouter un contact
        </DisclosureButton>
        {open && <form aria-label="Nouveau contact" />}
      </>
    );
  }

  it("says what it opens, then how to close it, and whether it is open", async () => {
    render(<Host />);
    const button = screen.getByRole("button", { name: "Ajouter un contact" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("form")).toBeNull();
    await userEvent.click(button);
    expect(button).toHaveAccessibleName("Fermer le formulaire");
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("form", { name: "Nouveau contact" })).toBeInTheDocument();
    await userEvent.click(button);
    expect(button).toHaveAccessibleName("Ajouter un contact");
    expect(screen.queryByRole("form")).toBeNull();
  });
});
