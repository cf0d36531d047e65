// @vitest-environment happy-dom
// The synthesis note: the trainee's editor (advice, the server's preview with its chart, a
// save refused as stale, a submission that saves first); the reading page of a tutor (a
// passage selected in the version's text sent with its offsets, a typed passage, the
// comments, « Marquer comme lue », no assessment) and of a trainer (the CP4 assessment); the
// queue of notes to read.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { ok, renderWithClient, staleVersion } from "../../test-utils";
import { BODY, COMMENT, NOTE, PREVIEW, QUEUE_ITEM, VERSION } from "./noteFixtures";
import { NotePage } from "./NotePage";
import { NotesQueuePage } from "./NotesQueuePage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
const session = vi.hoisted(() => ({ me: { id: 5, role: "trainee", permissions: [] as string[], tutees: [] } }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: session.me }) };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);
const patch = vi.mocked(api.PATCH);

const ANSWERS: Record<string, unknown> = {
  "/api/v1/notes/{note_id}": NOTE,
  "/api/v1/notes/{note_id}/preview": PREVIEW,
  "/api/v1/notes/{note_id}/versions": [VERSION],
  "/api/v1/notes/{note_id}/versions/{number}/preview": PREVIEW,
  "/api/v1/notes/{note_id}/versions/{number}/comments": [COMMENT],
  "/api/v1/notes/queue": [],
  "/api/v1/competences": {
    version: "1",
    framework: {},
    blocks: [],
    competences: [
      {
        code: "CP4",
        criteria: [{ code: "CP4.3", text: "La note de synthèse est claire et comporte des informations exploitables" }],
      },
    ],
  },
};

function renderAt(url: string) {
  get.mockImplementation(((path: string) => Promise.resolve(ok(ANSWERS[path] ?? []))) as never);
  renderWithClient(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/notes/a-lire" element={<NotesQueuePage />} />
        <Route path="/notes/:id" element={<NotePage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const calls = (mock: typeof post | typeof patch, path: string) =>
  (mock.mock.calls as unknown as [string, { body?: Record<string, unknown> }][]).filter(([p]) => p === path);

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  patch.mockReset();
  session.me = { id: 5, role: "trainee", permissions: [], tutees: [] };
});

describe("the trainee's note", () => {
  it("shows the advice as advice and the server's preview with its chart", async () => {
    renderAt("/notes/2");
    const advice = await screen.findByRole("region", { name: "Conseils de lisibilité" });
    expect(
      within(advice)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "➜ À revoir : 12 mots : une note se lit en quelques minutes (150 à 1200 mots).",
      "✓ Bien : Toutes les parties attendues sont présentes.",
    ]);
    const preview = await screen.findByRole("region", { name: "Aperçu de la note enregistrée" });
    expect(within(preview).getByRole("heading", { name: "Contexte et période" })).toBeInTheDocument();
    expect(within(preview).getByRole("img", { name: "Objectifs et réalisations" }).querySelector("svg")).not.toBeNull();
    expect(screen.getByLabelText("Texte de la note (Markdown)")).toHaveValue(BODY);
  });

  it("saves with the version read and says when the note changed meanwhile", async () => {
    patch.mockResolvedValue(staleVersion() as never);
    const user = userEvent.setup();
    renderAt("/notes/2");
    const text = await screen.findByLabelText("Texte de la note (Markdown)");
    await user.type(text, "Une phrase de plus.");
    expect(screen.getByText("Modifications non enregistrées.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Cette note a été modifiée entre-temps");
    expect(calls(patch, "/api/v1/notes/{note_id}")[0][1].body).toEqual({
      title: NOTE.title,
      body: `${BODY}Une phrase de plus.`,
      version: 3,
    });
    await user.click(screen.getByRole("button", { name: "Recharger la note" }));
    expect(text).toHaveValue(BODY);
  });

  it("submits a version, saving the changes first", async () => {
    patch.mockResolvedValue(ok({ ...NOTE, body: `${BODY}Fin.`, version: 4 }) as never);
    post.mockResolvedValue(ok({ ...VERSION, id: 10, number: 2, submitted_at: "2026-12-08T09:00:00Z" }, 201) as never);
    const user = userEvent.setup();
    renderAt("/notes/2");
    await user.type(await screen.findByLabelText("Texte de la note (Markdown)"), "Fin.");
    await user.click(screen.getByRole("button", { name: "Soumettre la note" }));
    expect(await screen.findByText(/^Version 2 soumise le 08\/12\/2026/)).toBeInTheDocument();
    expect(calls(patch, "/api/v1/notes/{note_id}")[0][1].body).toMatchObject({ body: `${BODY}Fin.`, version: 3 });
    expect(calls(post, "/api/v1/notes/{note_id}/submit")[0][1].body).toEqual({ version: 4 });
  });
});

describe("reading a note", () => {
  it("anchors a tutor's comment to the passage selected in the version's text", async () => {
    session.me = { id: 3, role: "tutor", permissions: ["note:comment"], tutees: [] };
    post.mockResolvedValue(ok({ ...COMMENT, id: 4 }, 201) as never);
    const user = userEvent.setup();
    renderAt("/notes/2?version=1");
    const text = await screen.findByRole("region", { name: "Texte à commenter, version 1" });
    expect(text.textContent).toBe(BODY);
    // The reader selects « appels le matin » in the text.
    const passage = "appels le matin";
    const at = BODY.indexOf(passage);
    const range = document.createRange();
    range.setStart(text.firstChild as Node, at);
    range.setEnd(text.firstChild as Node, at + passage.length);
    const selection = document.getSelection() as Selection;
    selection.removeAllRanges();
    selection.addRange(range);
    fireEvent.mouseUp(text);
    const quote = screen.getByLabelText("Passage cité");
    await waitFor(() => expect(quote).toHaveValue(passage));
    expect(quote).toHaveAccessibleDescription(`Caractères ${at + 1} à ${at + passage.length} du texte.`);
    await user.type(screen.getByLabelText("Commentaire"), "Quels clients ?");
    await user.click(screen.getByRole("button", { name: "Commenter le passage" }));
    await waitFor(() => expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/comments")).toHaveLength(1));
    const sent = calls(post, "/api/v1/notes/{note_id}/versions/{number}/comments")[0][1].body as Record<
      string,
      unknown
    >;
    expect(sent).toEqual({ body: "Quels clients ?", quote: passage, start: at, end: at + passage.length });
    expect(BODY.slice(sent.start as number, sent.end as number)).toBe(sent.quote);
    expect(await screen.findByText("Commentaire du passage enregistré.")).toBeInTheDocument();

    // A passage typed instead: its first occurrence; one not in the text is refused here.
    await user.type(screen.getByLabelText("Passage cité"), "Lucas Nguyen");
    await user.type(screen.getByLabelText("Commentaire"), "Précisez le mois.");
    await user.click(screen.getByRole("button", { name: "Commenter le passage" }));
    await waitFor(() => expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/comments")).toHaveLength(2));
    expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/comments")[1][1].body).toMatchObject({
      quote: "Lucas Nguyen",
      start: BODY.indexOf("Lucas Nguyen"),
      end: BODY.indexOf("Lucas Nguyen") + 12,
    });
    await user.type(screen.getByLabelText("Passage cité"), "absent du texte");
    await user.type(screen.getByLabelText("Commentaire"), "?");
    await user.click(screen.getByRole("button", { name: "Commenter la note" }));
    expect(await screen.findByText("Ce passage ne figure pas dans le texte de la version.")).toBeInTheDocument();
    expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/comments")).toHaveLength(2);
  });

  it("lists the comments with their passage, marks the version read; a tutor does not assess", async () => {
    session.me = { id: 3, role: "tutor", permissions: ["note:comment"], tutees: [] };
    post.mockResolvedValue({ response: new Response(null, { status: 204 }) } as never);
    const user = userEvent.setup();
    renderAt("/notes/2");
    const comments = await screen.findByRole("list", { name: "Commentaires de la version 1" });
    const first = within(comments).getAllByRole("listitem")[0];
    expect(first).toHaveTextContent("Marc Lemaire (tuteur en entreprise)");
    expect(within(first).getByText(COMMENT.quote, { selector: "blockquote" })).toBeInTheDocument();
    expect(first).toHaveTextContent(`caractères ${COMMENT.start + 1} à ${COMMENT.end} du texte`);
    expect(screen.queryByRole("heading", { name: /^Évaluer/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Marquer comme lue" }));
    await waitFor(() => expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/read")).toHaveLength(1));
    expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/read")[0][1]).toEqual({
      params: { path: { note_id: 2, number: 1 } },
    });
  });

  it("lets the trainer assess CP4.3 from the version", async () => {
    session.me = { id: 2, role: "trainer", permissions: ["competence:assess", "note:comment"], tutees: [] };
    post.mockResolvedValue(ok([{ id: 1, criterion_code: "CP4.3", level: "acquired" }], 201) as never);
    const user = userEvent.setup();
    renderAt("/notes/2");
    const form = await screen.findByRole("form", { name: "Évaluer d'après la version 1" });
    const cp43 = await within(form).findByRole("group", { name: /^CP4\.3 — La note de synthèse est claire/ });
    await user.click(within(cp43).getByRole("radio", { name: "acquis" }));
    await user.type(within(cp43).getByLabelText("Commentaire sur CP4.3"), "Claire et chiffrée.");
    await user.click(within(form).getByRole("button", { name: "Enregistrer l'évaluation" }));
    expect(await within(form).findByText("Évaluation enregistrée : CP4.3 acquis.")).toBeInTheDocument();
    expect(calls(post, "/api/v1/notes/{note_id}/versions/{number}/assessment")[0][1].body).toEqual({
      criteria: [{ criterion_code: "CP4.3", level: "acquired", comment: "Claire et chiffrée." }],
    });
  });
});

describe("NotesQueuePage", () => {
  it("says when there is nothing to read, else links each note to its version", async () => {
    session.me = { id: 2, role: "trainer", permissions: [], tutees: [] };
    renderAt("/notes/a-lire");
    expect(await screen.findByText("Aucune note à lire")).toBeInTheDocument();
  });

  it("lists the notes waiting, each opening its reading page", async () => {
    session.me = { id: 3, role: "tutor", permissions: [], tutees: [] };
    ANSWERS["/api/v1/notes/queue"] = [QUEUE_ITEM];
    renderAt("/notes/a-lire");
    const table = await screen.findByRole("table", { name: /^Notes de synthèse à lire/ });
    const row = within(table).getByRole("row", { name: /Amandine Garcia/ });
    expect(within(row).getByRole("link")).toHaveAttribute("href", "/notes/1?version=1");
    expect(within(table).getByRole("columnheader", { name: "Alternant" })).toBeInTheDocument();
    ANSWERS["/api/v1/notes/queue"] = [];
  });
});
