// @vitest-environment happy-dom
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FilterSelect } from "./FilterSelect";

const options = (name: string) =>
  within(screen.getByRole("combobox", { name }))
    .getAllByRole("option")
    .map((o) => [o.getAttribute("value"), o.textContent]);

describe("FilterSelect", () => {
  it("offers « no filter » first, then the labels of a table, and tells the choice", async () => {
    const onChange = vi.fn();
    render(
      <FilterSelect
        label="Statut"
        all="Tous"
        value=""
        onChange={onChange}
        labels={{ open: "Ouverte", closed: "Close" }}
      />,
    );
    expect(options("Statut")).toEqual([
      ["", "Tous"],
      ["open", "Ouverte"],
      ["closed", "Close"],
    ]);
    await userEvent.setup().selectOptions(screen.getByRole("combobox", { name: "Statut" }), "closed");
    expect(onChange).toHaveBeenCalledWith("closed");
  });

  it("lists records by id and name, then the page's own options, and shows the current value", () => {
    render(
      <FilterSelect
        label="Cohorte"
        all="Toutes"
        value="2"
        onChange={() => {}}
        items={[
          { id: 1, name: "Printemps" },
          { id: 2, name: "Automne" },
        ]}
      >
        <option value="none">Sans cohorte</option>
      </FilterSelect>,
    );
    expect(options("Cohorte")).toEqual([
      ["", "Toutes"],
      ["1", "Printemps"],
      ["2", "Automne"],
      ["none", "Sans cohorte"],
    ]);
    expect(screen.getByRole("combobox", { name: "Cohorte" })).toHaveValue("2");
  });
});
