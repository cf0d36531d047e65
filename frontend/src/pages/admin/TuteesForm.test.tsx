// @vitest-environment happy-dom
// A company tutor's trainees, chosen by the admin: the current ones ticked, the list replaced.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { UserOut } from "../../api/types";
import { ok, renderWithClient } from "../../test-utils";
import { TuteesForm } from "./TuteesForm";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), PUT: vi.fn() } };
});

const TUTOR = { id: 3, full_name: "Marc Lemaire", email: "tuteur@example.org", role: "tutor", version: 1 } as UserOut;
const trainee = (id: number, full_name: string) => ({ id, full_name, email: `${id}@example.org`, role: "trainee" });

describe("TuteesForm", () => {
  it("ticks the tutor's trainees and saves the new list", async () => {
    vi.mocked(api.GET).mockImplementation(((path: string) =>
      Promise.resolve(
        ok(
          path === "/api/v1/users/{user_id}/tutees"
            ? { tutor_id: 3, tutees: [{ id: 5, full_name: "Lucas Nguyen" }] }
            : { items: [trainee(5, "Lucas Nguyen"), trainee(7, "Amandine Garcia")], total: 2, limit: 200, offset: 0 },
        ),
      )) as never);
    vi.mocked(api.PUT).mockResolvedValue(
      ok({
        tutor_id: 3,
        tutees: [
          { id: 5, full_name: "Lucas Nguyen" },
          { id: 7, full_name: "Amandine Garcia" },
        ],
      }) as never,
    );
    const user = userEvent.setup();
    renderWithClient(<TuteesForm tutor={TUTOR} />, { defaultOptions: { queries: { retry: false } } });
    const lucas = await screen.findByRole("checkbox", { name: /Lucas Nguyen/ });
    expect(lucas).toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: /Amandine Garcia/ }));
    await user.click(screen.getByRole("button", { name: "Enregistrer les alternants" }));
    expect(await screen.findByText("Marc Lemaire suit Lucas Nguyen, Amandine Garcia.")).toBeInTheDocument();
    await waitFor(() =>
      expect(api.PUT).toHaveBeenCalledWith("/api/v1/users/{user_id}/tutees", {
        params: { path: { user_id: 3 } },
        body: { trainee_ids: [5, 7] },
      }),
    );
  });
});
