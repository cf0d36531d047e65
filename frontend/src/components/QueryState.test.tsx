// @vitest-environment happy-dom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { QueryState } from "./QueryState";

const list = (data: { items: string[] }) => (
  <ul>
    {data.items.map((i) => (
      <li key={i}>{i}</li>
    ))}
  </ul>
);

describe("QueryState", () => {
  it("shows the busy state while nothing is read", () => {
    render(<QueryState query={{ data: undefined, error: null, isPending: true }} empty="Vide" children={list} />);
    expect(screen.getByRole("status")).toHaveTextContent("Chargement…");
    expect(screen.queryByText("Vide")).toBeNull();
  });

  it("shows the error, then the empty state or the list", () => {
    const error = new ApiError({ status: 500, title: "Erreur 500" });
    const { rerender } = render(
      <QueryState query={{ data: undefined, error, isPending: false }} empty="Vide" children={list} />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Erreur 500");
    rerender(
      <QueryState query={{ data: { items: [] }, error: null, isPending: false }} empty="Vide" children={list} />,
    );
    expect(screen.getByText("Vide")).toBeInTheDocument();
    expect(screen.queryByRole("list")).toBeNull();
    rerender(
      <QueryState
        query={{ data: { items: ["a", "b"] }, error: null, isPending: false }}
        empty="Vide"
        children={list}
      />,
    );
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
    expect(screen.queryByText("Vide")).toBeNull();
  });

  it("reads anything else through isEmpty, and a null answer as nothing to show", () => {
    const detail = (d: { name: string; notes: string[] }) => <p>{d.name}</p>;
    const { rerender } = render(
      <QueryState
        query={{ data: { name: "Fiche", notes: [] }, error: null, isPending: false }}
        isEmpty={(d) => d.notes.length === 0}
        empty="Aucune note"
        children={detail}
      />,
    );
    expect(screen.getByText("Aucune note")).toBeInTheDocument();
    expect(screen.queryByText("Fiche")).toBeNull();
    rerender(
      <QueryState query={{ data: { name: "Fiche", notes: ["x"] }, error: null, isPending: false }} children={detail} />,
    );
    expect(screen.getByText("Fiche")).toBeInTheDocument();
    rerender(<QueryState query={{ data: null, error: null, isPending: false }} empty="Vide" children={detail} />);
    expect(screen.queryByText("Vide")).toBeNull();
    expect(screen.queryByText("Fiche")).toBeNull();
  });

  it("names its busy state when told", () => {
    render(
      <QueryState query={{ data: undefined, error: null, isPending: true }} busyLabel="Calcul…" children={list} />,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Calcul…");
  });
});
