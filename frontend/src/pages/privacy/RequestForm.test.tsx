// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { RequestForm } from "./RequestForm";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const JEANNE = { id: 5, name: "Jeanne Martin", kind: "individual", city: "Lyon" };

function renderForm() {
  const onDone = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RequestForm onDone={onDone} />
    </QueryClientProvider>,
  );
  return onDone;
}

function answerPost(data: unknown) {
  vi.mocked(api.POST).mockResolvedValue({ data, response: new Response(null, { status: 201 }) } as never);
}

async function pickJeanne(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Fiche de la personne/), "Martin{Enter}");
  await user.click(await screen.findByRole("button", { name: "Jeanne Martin (particulier, Lyon)" }));
}

function localToday(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

describe("RequestForm", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.POST).mockReset();
    vi.mocked(api.GET).mockResolvedValue({
      data: { items: [JEANNE], total: 1 },
      response: new Response(null, { status: 200 }),
    } as never);
  });

  it("asks for the person before sending anything", async () => {
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole("button", { name: "Enregistrer la demande" }));
    expect(screen.getByText("Choisissez la fiche de la personne qui fait la demande.")).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it("sends the person, the kind, the date and the changes asked for a rectification", async () => {
    answerPost({ id: 9, kind: "rectification", due_on: "2026-12-27" });
    const user = userEvent.setup();
    const onDone = renderForm();
    await pickJeanne(user);
    expect(screen.getByText("Jeanne Martin (particulier, Lyon)")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Type de demande"), "rectification");
    expect(screen.getByLabelText("Champ 1")).toHaveValue("email");
    await user.type(screen.getByLabelText(/Nouvelle valeur 1/), "jeanne@example.org");
    await user.click(screen.getByRole("button", { name: "Ajouter un champ" }));
    await user.selectOptions(screen.getByLabelText("Champ 2"), "city");
    await user.type(screen.getByLabelText(/Nouvelle valeur 2/), "Villeurbanne");
    await user.click(screen.getByRole("button", { name: "Ajouter un champ" }));
    await user.click(screen.getByRole("button", { name: "Retirer le champ 3" }));
    await user.type(screen.getByLabelText(/Canal de réception/), "Courrier");
    await user.click(screen.getByRole("button", { name: "Enregistrer la demande" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/^Demande n° 9 enregistrée/)));
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
      "/api/v1/privacy/requests",
      {
        body: {
          prospect_id: 5,
          contact_id: null,
          kind: "rectification",
          received_on: localToday(),
          channel: "Courrier",
          details: "",
          changes: { email: "jeanne@example.org", city: "Villeurbanne" },
        },
      },
    ]);
  });

  it("sends no changes for another kind of request", async () => {
    answerPost({ id: 10, kind: "access", due_on: "2026-12-27" });
    const user = userEvent.setup();
    const onDone = renderForm();
    await pickJeanne(user);
    await user.click(screen.getByRole("button", { name: "Enregistrer la demande" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(vi.mocked(api.POST).mock.calls[0][1]).toMatchObject({ body: { kind: "access", changes: {} } });
  });
});
