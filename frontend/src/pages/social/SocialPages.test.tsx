// @vitest-environment happy-dom
// The calendar's month grid (a table of weeks × days, each post in its day's cell with its
// network and status, linking to it; the months before and after); the profile editor's
// findings beside the fields they name, and a passing profile; the dashboard's empty states;
// staff choosing the trainee they read, offered nothing to write.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { ok, renderWithClient } from "../../test-utils";
import { CalendarPage } from "./CalendarPage";
import { SocialDashboardPage } from "./DashboardPage";
import { ACTIVE_CASE, PROFILE, THEME, page, post } from "./fixtures";
import { ProfilePage } from "./ProfilePage";

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
const put = vi.mocked(api.PUT);

function answer(records: Record<string, unknown>) {
  get.mockImplementation(((path: string) => Promise.resolve(ok(records[path] ?? page([])))) as never);
}

function renderAt(url: string, path: string, element: ReactNode) {
  renderWithClient(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path={path} element={element} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const queriesOf = (path: string) =>
  (get.mock.calls as unknown as [string, { params?: { query?: Record<string, unknown> } }][])
    .filter(([p]) => p === path)
    .map(([, init]) => init?.params?.query);

beforeEach(() => {
  get.mockReset();
  put.mockReset();
  session.me = { id: 13, role: "trainee" };
});

describe("CalendarPage", () => {
  it("places each post in its day's cell of the month's grid, and moves from month to month", async () => {
    answer({
      "/api/v1/social/posts": page([
        post(1),
        post(2, { network: "facebook", planned_on: "2026-12-15", status: "published", theme: "Vie de l'équipe" }),
      ]),
      "/api/v1/business-cases/active": ACTIVE_CASE,
    });
    const user = userEvent.setup();
    renderAt("/reseaux/calendrier?mois=2026-12", "/reseaux/calendrier", <CalendarPage />);
    const grid = await screen.findByRole("table", { name: "Décembre 2026" });
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Semaine", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]);
    expect(
      within(grid)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["Semaine 49", "Semaine 50", "Semaine 51", "Semaine 52", "Semaine 53"]);
    const ninth = await within(grid).findByRole("cell", { name: /^mercredi 9 décembre 2026/ });
    expect(within(ninth).getByRole("link", { name: `LinkedIn — ${THEME}` })).toHaveAttribute(
      "href",
      "/reseaux/publications/1",
    );
    expect(ninth).toHaveTextContent("Brouillon");
    const fifteenth = within(grid).getByRole("cell", { name: /^mardi 15 décembre 2026/ });
    expect(within(fifteenth).getByRole("link", { name: "Facebook — Vie de l'équipe" })).toBeVisible();
    expect(fifteenth).toHaveTextContent("Publiée");
    // No other cell holds a post.
    expect(within(grid).getAllByRole("link")).toHaveLength(2);
    // The grid's weeks are read whole: from the Monday before the 1st to the Sunday after the 31st.
    expect(queriesOf("/api/v1/social/posts")[0]).toMatchObject({ from: "2026-11-30", to: "2027-01-03" });

    await user.click(screen.getByRole("button", { name: /Mois suivant/ }));
    expect(await screen.findByRole("table", { name: "Janvier 2027" })).toBeVisible();
    await waitFor(() =>
      expect(queriesOf("/api/v1/social/posts")).toContainEqual(
        expect.objectContaining({ from: "2026-12-28", to: "2027-01-31" }),
      ),
    );
    expect(screen.getByRole("button", { name: "Nouvelle publication" })).toBeVisible();
  });

  it("lets staff choose the trainee they read, and offers them no new post", async () => {
    session.me = { id: 2, role: "trainer" };
    answer({ "/api/v1/users": page([{ id: 13, full_name: "Léa Martin" }]) });
    renderAt("/reseaux/calendrier", "/reseaux/calendrier", <CalendarPage />);
    expect(await screen.findByText(/Choisissez le stagiaire/)).toBeVisible();
    expect(await screen.findByRole("option", { name: "Léa Martin" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Nouvelle publication" })).toBeNull();
    expect(queriesOf("/api/v1/social/posts")).toHaveLength(0);
  });
});

describe("ProfilePage", () => {
  it("shows each finding of the last save beside the field it names", async () => {
    answer({ "/api/v1/social/profiles/{network}": PROFILE, "/api/v1/business-cases/active": ACTIVE_CASE });
    renderAt("/reseaux/profils/linkedin", "/reseaux/profils/:network", <ProfilePage />);
    const form = await screen.findByRole("form", { name: "Profil LinkedIn" });
    expect(screen.getByRole("status")).toHaveTextContent("À corriger : 3 points");
    expect(within(form).getByRole("list", { name: "Contrôle : Titre du profil" })).toHaveTextContent(
      "À corriger : Nommez l'entreprise « Rhône Télécom Services » dans votre titre.",
    );
    expect(within(form).getByRole("list", { name: "Contrôle : Arrière-plan neutre" })).toHaveTextContent(
      "À corriger : Arrière-plan neutre : à confirmer pour votre photo.",
    );
    expect(within(form).getByRole("list", { name: "Contrôle : Photo en tenue professionnelle" })).toHaveTextContent(
      "Respecté",
    );
    expect(
      within(form).getByRole("list", { name: "Contrôle : Affiché « ouvert aux opportunités »" }),
    ).toHaveTextContent("vous représentez l'entreprise");
    expect(within(form).getByRole("list", { name: "Contrôle : Résumé" })).toHaveTextContent("est citée");
    expect(within(form).getByRole("list", { name: "Contrôle : autres points" })).toHaveTextContent(
      "Aucune offre citée",
    );
    // The values read, in their controls.
    expect(within(form).getByLabelText("Affiché « ouvert aux opportunités »")).toHaveValue("true");
    expect(within(form).getByLabelText("Photo en tenue professionnelle")).toBeChecked();
    expect(within(form).getByLabelText("Arrière-plan neutre")).not.toBeChecked();
  });

  it("replaces the profile with the version it read, the settings as the API takes them", async () => {
    answer({ "/api/v1/social/profiles/{network}": PROFILE, "/api/v1/business-cases/active": ACTIVE_CASE });
    put.mockResolvedValue(ok({ ...PROFILE, version: 3 }) as never);
    const user = userEvent.setup();
    renderAt("/reseaux/profils/linkedin", "/reseaux/profils/:network", <ProfilePage />);
    const form = await screen.findByRole("form", { name: "Profil LinkedIn" });
    await user.click(within(form).getByLabelText("Arrière-plan neutre"));
    await user.selectOptions(within(form).getByLabelText("Affiché « ouvert aux opportunités »"), "false");
    await user.click(within(form).getByRole("button", { name: "Enregistrer le profil" }));
    await waitFor(() => expect(put).toHaveBeenCalled());
    const [, init] = put.mock.calls[0] as unknown as [string, { body: Record<string, unknown> }];
    expect(init.body).toMatchObject({
      version: 2,
      photo: { neutral_background: true, professional: true },
      contact: { email_visibility: "connections", open_to_work: false },
    });
  });

  it("says so when the profile passes the charter", async () => {
    answer({
      "/api/v1/social/profiles/{network}": {
        ...PROFILE,
        findings: [],
        passed: true,
        first_passed_at: "2026-12-07T10:00:00Z",
      },
      "/api/v1/business-cases/active": ACTIVE_CASE,
    });
    renderAt("/reseaux/profils/linkedin", "/reseaux/profils/:network", <ProfilePage />);
    expect(await screen.findByText("Ce profil respecte la charte de l'entreprise.")).toBeVisible();
  });
});

describe("SocialDashboardPage", () => {
  it("shows the registry's figures and says in French what is not there yet", async () => {
    answer({
      "/api/v1/social/dashboard": {
        trainee_id: 13,
        start: "2026-12-01",
        end: "2026-12-07",
        time_zone: "Europe/Paris",
        posts: { planned: 0, published: 0, impressions: 0, engagements: 0, engagement_rate: null },
        audience: [],
        actions: {
          total: 0,
          by_kind: {},
          by_outcome: {},
          connections_in_target: 0,
          leads: 0,
          appointments: 0,
          conversion_rate: null,
        },
        metrics: { social_posts_published: 0, social_engagement_rate: null },
      },
      "/api/v1/metrics": [
        { code: "social_posts_published", label: "Publications sur les réseaux", unit: "nombre" },
        { code: "social_engagement_rate", label: "Taux d'engagement", unit: "%" },
      ],
    });
    renderAt("/reseaux", "/reseaux", <SocialDashboardPage />);
    expect(await screen.findByText("Aucune publication publiée sur la période.")).toBeVisible();
    expect(screen.getByText("Aucun relevé d'audience sur la période.")).toBeVisible();
    expect(screen.getByText("Aucune action de social selling sur la période.")).toBeVisible();
    expect(await screen.findByText("Publications sur les réseaux")).toBeVisible();
    // The period read, in its inputs.
    expect(screen.getByLabelText("Du")).toHaveValue("2026-12-01");
    expect(screen.getByLabelText("Au")).toHaveValue("2026-12-07");
    expect(screen.getByRole("navigation", { name: "Réseaux sociaux" })).toBeVisible();
  });
});
