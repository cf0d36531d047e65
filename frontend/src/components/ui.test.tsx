import { fireEvent, render, screen } from "@testing-library/react";
import { Field, Pager } from "./ui";

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
