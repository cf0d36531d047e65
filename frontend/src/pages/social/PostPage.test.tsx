// @vitest-environment happy-dom
// The post editor: the live check marks the places of its findings in the text's preview; a
// refused approval (409 post-blocked) shows the blocking findings and their places, and
// nothing else changes; staff read a post without any button they could not use.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, ok, renderWithClient } from "../../test-utils";
import { ACTIVE_CASE, BAD_TEXT, CHECK, PHONE, POST_BLOCKED, post } from "./fixtures";
import { PostPage } from "./PostPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), PUT: vi.fn(), DELETE: vi.fn() } };
});
const session = vi.hoisted(() => ({ me: { id: 13, role: "trainee" } as { id: number; role: string } }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: session.me }) };
});

const get = vi.mocked(api.GET);
const postCall = vi.mocked(api.POST);
const patch = vi.mocked(api.PATCH);

function answer(records: Record<string, unknown>) {
  get.mockImplementation(((path: string) => Promise.resolve(ok(records[path] ?? []))) as never);
}

function renderPost(url = "/reseaux/publications/7") {
  renderWithClient(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/reseaux/publications/:id" element={<PostPage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const calls = (mock: typeof get | typeof postCall, path: string) =>
  (mock.mock.calls as unknown as [string, unknown][]).filter(([p]) => p === path);

beforeEach(() => {
  get.mockReset();
  postCall.mockReset();
  patch.mockReset();
  session.me = { id: 13, role: "trainee" };
});

describe("PostPage", () => {
  it("checks the text live and marks the places of its findings", async () => {
    answer({ "/api/v1/social/posts/{post_id}": post(7), "/api/v1/business-cases/active": ACTIVE_CASE });
    postCall.mockImplementation(((path: string) =>
      Promise.resolve(path === "/api/v1/social/posts/check" ? ok(CHECK) : ok({}))) as never);
    renderPost();
    expect(await screen.findByRole("heading", { level: 1, name: "Publication LinkedIn du 09/12/2026" })).toBeVisible();
    const live = screen.getByRole("region", { name: "Contrôle en direct" });
    const mark = await within(live).findByText(PHONE, { selector: "mark" });
    expect(mark).toHaveClass("mark-error");
    expect(mark).toHaveAttribute("title", expect.stringContaining("numéro d'une personne de votre fichier"));
    expect(within(live).getByText("Bloquée : la confidentialité refuserait la validation")).toBeVisible();
    expect(within(live).getByRole("list", { name: "Confidentialité" })).toHaveTextContent(
      "À corriger : « 04 65 71 21 62 » : numéro d'une personne de votre fichier.",
    );
    // The check names the post being edited (it counts once in its week).
    const [, init] = calls(postCall, "/api/v1/social/posts/check")[0] as [string, { body: Record<string, unknown> }];
    expect(init.body).toMatchObject({ post_id: 7, text: BAD_TEXT, theme: "Raccordements fibre réalisés" });
    expect(screen.getByRole("list", { name: "Compétences exercées" })).toHaveTextContent("CP5");
  });

  it("shows the blocking findings of a refused approval, their places marked, and changes nothing", async () => {
    answer({ "/api/v1/social/posts/{post_id}": post(7), "/api/v1/business-cases/active": ACTIVE_CASE });
    postCall.mockImplementation(((path: string) =>
      Promise.resolve(path === "/api/v1/social/posts/{post_id}/approve" ? failure(POST_BLOCKED) : ok(CHECK))) as never);
    const user = userEvent.setup();
    renderPost();
    await user.click(await screen.findByRole("button", { name: "Valider" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Publication bloquée par le contrôle de confidentialité.");
    expect(within(alert).getByText(PHONE, { selector: "mark" })).toBeVisible();
    expect(within(alert).getByRole("list", { name: "Confidentialité" })).toHaveTextContent(
      "numéro d'une personne de votre fichier",
    );
    // Still a draft: the post was not read again, nothing was saved.
    expect(screen.getAllByText("Brouillon")[0]).toBeVisible();
    expect(calls(get, "/api/v1/social/posts/{post_id}")).toHaveLength(1);
    expect(patch).not.toHaveBeenCalled();
  });

  it("asks to save the changes before approving, then sends them with the version read", async () => {
    answer({ "/api/v1/social/posts/{post_id}": post(7), "/api/v1/business-cases/active": ACTIVE_CASE });
    postCall.mockResolvedValue(ok(CHECK) as never);
    patch.mockResolvedValue(ok(post(7, { version: 2 })) as never);
    const user = userEvent.setup();
    renderPost();
    const text = await screen.findByLabelText("Texte");
    await user.clear(text);
    await user.type(text, "Raccordement terminé.");
    expect(screen.getByRole("button", { name: "Valider" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(patch).toHaveBeenCalled());
    const [, init] = patch.mock.calls[0] as unknown as [string, { body: Record<string, unknown> }];
    expect(init.body).toMatchObject({ version: 1, text: "Raccordement terminé.", interlocutor: null });
  });

  it("lets staff read a post and its last check, without any button", async () => {
    session.me = { id: 2, role: "trainer" };
    answer({ "/api/v1/social/posts/{post_id}": post(7) });
    renderPost("/reseaux/publications/7?stagiaire=13");
    expect(await screen.findByRole("heading", { name: "Texte et dernier contrôle" })).toBeVisible();
    expect(screen.getByText(PHONE, { selector: "mark" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Valider" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Annuler la publication" })).toBeNull();
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.queryByRole("list", { name: "Compétences exercées" })).toBeNull();
    expect(postCall).not.toHaveBeenCalled();
  });
});
