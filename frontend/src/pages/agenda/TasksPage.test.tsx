// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { fieldErrors, ok, staleVersion } from "../../test-utils";
import { TasksPage } from "./TasksPage";
import type { Task } from "./taskForm";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});

const TASK: Task = {
  id: 8,
  owner_id: 3,
  title: "Préparer le salon",
  notes: "Réserver le stand\nImprimer les plaquettes",
  due_on: "2026-11-16",
  due_at: null,
  reminder_at: null,
  done: false,
  done_at: null,
  link: { kind: "campaign", id: 4, href: "/prospects/campagnes/4" },
  created_at: "2026-11-10T08:00:00Z",
  updated_at: "2026-11-10T08:00:00Z",
  version: 3,
};
const CALL: Task = {
  ...TASK,
  id: 9,
  title: "Rappeler Martin",
  notes: "",
  due_on: "2026-11-20",
  link: null,
  version: 1,
};

function mockList(items: Task[]) {
  vi.mocked(api.GET).mockImplementation((async (path: string) => {
    if (path === "/api/v1/tasks") return ok({ items, total: items.length, limit: 20, offset: 0 });
    if (path === "/api/v1/tasks/{task_id}") return ok(CALL);
    if (path === "/api/v1/campaigns") return ok({ items: [{ id: 4, name: "Relance printemps" }], total: 1 });
    throw new Error(`unexpected GET ${path}`);
  }) as never);
}

function renderAt(path = "/agenda/taches") {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/agenda/taches" element={<TasksPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const listQueries = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/tasks")
    .map((c) => (c[1] as { params: { query: object } }).params.query);

describe("TasksPage", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-18T10:00:00Z"));
    for (const fn of [api.GET, api.POST, api.PATCH, api.DELETE]) vi.mocked(fn).mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it("lists the tasks to do, late ones said, their link, and filters on state and due days", async () => {
    mockList([TASK, CALL]);
    const user = renderAt();
    const table = await screen.findByRole("table", { name: "Tâches" });
    const row = within(table).getByRole("row", { name: /Préparer le salon/ });
    expect(row).toHaveTextContent("lun. 16 nov. 2026 (en retard)");
    expect(within(row).getByRole("link", { name: "Campagne n° 4" })).toHaveAttribute("href", "/prospects/campagnes/4");
    expect(within(table).getByRole("row", { name: /Rappeler Martin/ })).not.toHaveTextContent("en retard");
    expect(listQueries()[0]).toEqual({
      done: false,
      due_from: undefined,
      due_to: undefined,
      sort: "due",
      limit: 20,
      offset: 0,
    });
    await user.selectOptions(screen.getByLabelText("État"), "Faites");
    await user.type(screen.getByLabelText("Échéance à partir du"), "2026-11-01");
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ done: true, due_from: "2026-11-01" }));
    await user.selectOptions(screen.getByLabelText("État"), "Toutes");
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ done: undefined }));
  });

  it("says what to do when there is no task, and otherwise when the filters leave none", async () => {
    mockList([]);
    const user = renderAt();
    expect(await screen.findByText("Aucune tâche à faire.")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("État"), "Faites");
    expect(await screen.findByText("Aucune tâche ne correspond à ces critères.")).toBeInTheDocument();
  });

  it("ticks a task done with its version, and says when it changed meanwhile", async () => {
    mockList([TASK]);
    vi.mocked(api.PATCH).mockResolvedValueOnce(staleVersion() as never);
    vi.mocked(api.PATCH).mockResolvedValueOnce(ok({ ...TASK, done: true, version: 4 }) as never);
    const user = renderAt();
    const tick = await screen.findByRole("checkbox", { name: "Faite : Préparer le salon" });
    await user.click(tick);
    expect(await screen.findByRole("alert")).toHaveTextContent("Cette tâche a été modifiée entre-temps");
    expect(vi.mocked(api.PATCH).mock.calls[0][1]).toEqual({
      params: { path: { task_id: 8 } },
      body: { version: 3, done: true },
    });
    await user.click(tick);
    expect(await screen.findByText("« Préparer le salon » est faite.")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("creates a task with the server's errors beside the fields", async () => {
    mockList([]);
    vi.mocked(api.POST).mockResolvedValueOnce(
      fieldErrors({ field: "reminder_at", message: "Le rappel doit précéder l'échéance de la tâche." }) as never,
    );
    vi.mocked(api.POST).mockResolvedValueOnce(ok({ ...CALL, id: 10, title: "Envoyer le devis" }) as never);
    const user = renderAt();
    await screen.findByText("Aucune tâche à faire.");
    await user.click(screen.getByRole("button", { name: "Nouvelle tâche" }));
    const form = screen.getByRole("form", { name: "Nouvelle tâche" });
    await user.type(within(form).getByLabelText("Titre"), "Envoyer le devis");
    await user.type(within(form).getByLabelText("Jour d'échéance"), "2026-11-20");
    await user.type(within(form).getByLabelText("Heure d'échéance"), "09:00");
    await user.type(within(form).getByLabelText("Rappel"), "2026-11-20T10:00");
    await user.selectOptions(within(form).getByLabelText("Type de fiche"), "Campagne");
    await user.selectOptions(await within(form).findByLabelText("Campagne à lier"), "Relance printemps");
    expect(within(form).getByText("Relance printemps")).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Créer la tâche" }));
    expect(await within(form).findByText("Le rappel doit précéder l'échéance de la tâche.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Rappel")).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByText("Corrigez les champs signalés.")).toBeInTheDocument();
    expect(vi.mocked(api.POST).mock.calls[0][1]).toEqual({
      body: {
        title: "Envoyer le devis",
        notes: "",
        due_at: new Date("2026-11-20T09:00").toISOString(),
        reminder_at: new Date("2026-11-20T10:00").toISOString(),
        link_kind: "campaign",
        link_id: 4,
      },
    });
    await user.clear(within(form).getByLabelText("Rappel"));
    await user.click(within(form).getByRole("button", { name: "Créer la tâche" }));
    expect(await screen.findByText("Tâche « Envoyer le devis » créée.")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Nouvelle tâche" })).toBeNull();
  });

  it("edits a task in its row and deletes one after asking", async () => {
    mockList([TASK]);
    vi.mocked(api.PATCH).mockResolvedValue(ok({ ...TASK, title: "Préparer le salon de Lyon", version: 4 }) as never);
    vi.mocked(api.DELETE).mockResolvedValue(ok(undefined, 204) as never);
    const user = renderAt();
    await user.click(await screen.findByRole("button", { name: "Modifier la tâche Préparer le salon" }));
    const form = screen.getByRole("form", { name: "Modifier la tâche « Préparer le salon »" });
    expect(within(form).getByText("Campagne n° 4")).toBeInTheDocument();
    await user.type(within(form).getByLabelText("Titre"), " de Lyon");
    await user.click(within(form).getByRole("button", { name: "Enregistrer les modifications" }));
    expect(await screen.findByText("Tâche « Préparer le salon de Lyon » enregistrée.")).toBeInTheDocument();
    // The link did not change: it is not sent.
    expect(vi.mocked(api.PATCH).mock.calls[0][1]).toEqual({
      params: { path: { task_id: 8 } },
      body: {
        version: 3,
        title: "Préparer le salon de Lyon",
        notes: "Réserver le stand\nImprimer les plaquettes",
        due_on: "2026-11-16",
        reminder_at: null,
      },
    });
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    await user.click(screen.getByRole("button", { name: "Oui, supprimer" }));
    expect(await screen.findByText("Tâche « Préparer le salon » supprimée.")).toBeInTheDocument();
    expect(vi.mocked(api.DELETE).mock.calls[0][1]).toEqual({ params: { path: { task_id: 8 } } });
  });

  it("opens the task the address names (the agenda's link)", async () => {
    mockList([TASK]);
    renderAt("/agenda/taches?tache=9");
    expect(await screen.findByRole("form", { name: "Modifier la tâche « Rappeler Martin »" })).toBeInTheDocument();
  });
});
