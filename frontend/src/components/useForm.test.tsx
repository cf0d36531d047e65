// @vitest-environment happy-dom
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useForm } from "./useForm";

function NameForm({ send }: { send: (v: { name: string; city: string }) => void }) {
  const { values, set, submitWith } = useForm({ name: "", city: "Lyon" });
  return (
    <form aria-label="f" onSubmit={submitWith(send)}>
      <input aria-label="Nom" value={values.name} onChange={(e) => set("name", e.target.value)} />
      <button type="submit">Envoyer</button>
    </form>
  );
}

describe("useForm", () => {
  it("sets one field at a time and submits the current values without navigating", () => {
    const send = vi.fn();
    render(<NameForm send={send} />);
    fireEvent.change(screen.getByLabelText("Nom"), { target: { value: "Dupont" } });
    const event = new Event("submit", { bubbles: true, cancelable: true });
    screen.getByRole("form").dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(send).toHaveBeenCalledWith({ name: "Dupont", city: "Lyon" });
  });
});
