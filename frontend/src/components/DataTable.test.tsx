// @vitest-environment happy-dom
import { render, screen, within } from "@testing-library/react";
import { DataTable } from "./DataTable";

const row = (
  <tr>
    <th scope="row">Alpha</th>
    <td>1</td>
    <td>ok</td>
  </tr>
);

describe("DataTable", () => {
  it("names the table by its caption and heads its columns, some numeric, some for screen readers only", () => {
    const { container } = render(
      <DataTable
        caption="Liste d'essai"
        headers={["Nom", { label: "Total", className: "num" }, false, { label: "Actions", srOnly: true }]}
      >
        {row}
      </DataTable>,
    );
    const table = screen.getByRole("table", { name: "Liste d'essai" });
    expect(table).toHaveClass("table");
    const headers = within(table).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual(["Nom", "Total", "Actions"]);
    expect(headers[1]).toHaveClass("num");
    expect(headers[2].querySelector(".sr-only")).toHaveTextContent("Actions");
    expect(within(table).getByRole("rowheader", { name: "Alpha" })).toBeInTheDocument();
    expect(container.firstElementChild).toHaveClass("scroll-x");
    expect(screen.queryByRole("region")).toBeNull();
    expect(screen.queryByRole("navigation")).toBeNull();
  });

  it("makes the wrapper a focusable named region when asked, with its own class", () => {
    render(
      <DataTable
        caption="Essai"
        headers={["Nom"]}
        className="table compact"
        wrapperClassName="admin-table-wrap"
        region="Liste des essais"
      >
        {row}
      </DataTable>,
    );
    const region = screen.getByRole("region", { name: "Liste des essais" });
    expect(region).toHaveAttribute("tabindex", "0");
    expect(region).toHaveClass("admin-table-wrap");
    expect(within(region).getByRole("table")).toHaveClass("table", "compact");
  });

  it("leaves the wrapper out on request and pages the list under the table", () => {
    const { container } = render(
      <DataTable
        caption="Essai"
        headers={["Nom"]}
        wrapperClassName={null}
        pager={{ offset: 0, limit: 20, total: 45, onOffset: () => {}, label: "Pages d'essai" }}
      >
        {row}
      </DataTable>,
    );
    expect(container.firstElementChild?.tagName).toBe("TABLE");
    expect(screen.getByRole("navigation", { name: "Pages d'essai" })).toHaveTextContent("Page 1 sur 3");
  });
});
