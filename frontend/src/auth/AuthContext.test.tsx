// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../api/client";
import { AuthProvider, END_KEY, SESSION_KEY, useAuth } from "./AuthContext";

vi.mock("../api/client", async (original) => {
  const actual = await original<typeof import("../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});

const ME = { id: 4, full_name: "Léa Martin", email: "lea@example.org", role: "trainee" };

function Who() {
  const { me, endReason, logout } = useAuth();
  return (
    <div>
      <p>{me ? `connectée : ${me.full_name}` : `hors session : ${endReason ?? "aucune"}`}</p>
      <button type="button" onClick={logout}>
        Se déconnecter
      </button>
    </div>
  );
}

function session(token: string) {
  return JSON.stringify({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
}

function renderProvider() {
  vi.mocked(api.GET).mockResolvedValue({ data: ME, response: new Response(null, { status: 200 }) } as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuthProvider>
        <Who />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

/** What the browser does in this tab when another tab writes the shared storage. */
function otherTabWrites(key: string, value: string | null) {
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, value);
  window.dispatchEvent(new StorageEvent("storage", { key, newValue: value }));
}

afterEach(() => localStorage.clear());

describe("AuthContext across tabs", () => {
  it("opens with the session another tab stored (a record opened in a new tab)", async () => {
    localStorage.setItem(SESSION_KEY, session("jeton-1"));
    renderProvider();
    expect(await screen.findByText("connectée : Léa Martin")).toBeVisible();
  });

  it("follows a login made in another tab", async () => {
    renderProvider();
    expect(screen.getByText("hors session : aucune")).toBeVisible();
    act(() => otherTabWrites(SESSION_KEY, session("jeton-2")));
    expect(await screen.findByText("connectée : Léa Martin")).toBeVisible();
  });

  it("ends here when another tab logs out, with its reason", async () => {
    localStorage.setItem(SESSION_KEY, session("jeton-3"));
    renderProvider();
    await screen.findByText("connectée : Léa Martin");
    act(() => {
      localStorage.setItem(END_KEY, "expired");
      otherTabWrites(SESSION_KEY, null);
    });
    expect(await screen.findByText("hors session : expired")).toBeVisible();
  });

  it("logging out removes the shared session for every tab", async () => {
    localStorage.setItem(SESSION_KEY, session("jeton-4"));
    renderProvider();
    await screen.findByText("connectée : Léa Martin");
    act(() => screen.getByRole("button", { name: "Se déconnecter" }).click());
    expect(await screen.findByText("hors session : logout")).toBeVisible();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(localStorage.getItem(END_KEY)).toBe("logout");
  });

  it("a 401 for a token another tab already replaced takes the newer session", async () => {
    localStorage.setItem(SESSION_KEY, session("ancien"));
    let calls = 0;
    vi.mocked(api.GET).mockImplementation((async () => {
      calls += 1;
      if (calls === 1) {
        // Meanwhile another tab changed the password and stored its next session.
        localStorage.setItem(SESSION_KEY, session("nouveau"));
        return { error: { title: "Session expirée", status: 401 }, response: new Response(null, { status: 401 }) };
      }
      return { data: ME, response: new Response(null, { status: 200 }) };
    }) as never);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider>
          <Who />
        </AuthProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText("connectée : Léa Martin")).toBeVisible();
    expect(JSON.parse(localStorage.getItem(SESSION_KEY) ?? "{}").token).toBe("nouveau");
  });
});
