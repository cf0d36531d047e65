// The session: a JWT kept in localStorage, shared by every tab of the browser (a record
// opened in a new tab needs no new login), the current user (/me), and its end — logout,
// expiry time reached, or any 401 — which goes back to the login page with a message, in
// every tab at once (the `storage` event tells the other tabs).
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, onSessionExpired, setToken, unwrap } from "../api/client";
import { ApiError, toProblem } from "../api/problem";
import type { MeOut as Me } from "../api/types";

type Stored = { token: string; expiresAt: string };

export const SESSION_KEY = "capvente.session";
// Why the shared session ended, read by the other tabs when they see it removed.
export const END_KEY = "capvente.session.end";
const KEY = SESSION_KEY;

export type EndReason = "logout" | "expired";

interface AuthState {
  me: Me | null;
  loading: boolean;
  endReason: EndReason | null;
  login(email: string, password: string): Promise<void>;
  logout(): void;
  /** Reload /me (after the account changed). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

function parse(raw: string | null): Stored | null {
  try {
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    if (stored && typeof stored.token === "string" && new Date(stored.expiresAt).getTime() > Date.now()) {
      return stored;
    }
  } catch {
    /* a damaged entry is no session */
  }
  return null;
}

function readStored(): Stored | null {
  const stored = parse(localStorage.getItem(KEY));
  if (!stored) localStorage.removeItem(KEY);
  return stored;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [stored, setStored] = useState<Stored | null>(() => {
    const s = readStored();
    setToken(s?.token ?? null);
    return s;
  });
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState<boolean>(stored !== null);
  const [endReason, setEndReason] = useState<EndReason | null>(null);

  // The latest values, for the callbacks below (set once rendered, before any event).
  const storedRef = useRef(stored);
  const meRef = useRef(me);
  useLayoutEffect(() => {
    storedRef.current = stored;
    meRef.current = me;
  });

  // This tab's state only (another tab already changed the shared storage).
  const endHere = useCallback(
    (reason: EndReason) => {
      setToken(null);
      setStored(null);
      setMe(null);
      setLoading(false);
      setEndReason(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  // Take the session another tab stored (a login, or the next session after a password change).
  const adopt = useCallback(
    (next: Stored) => {
      const hadSession = storedRef.current !== null;
      setToken(next.token);
      setEndReason(null);
      setStored(next);
      // Whatever was read with the former token is read again with this one.
      if (hadSession) void queryClient.resetQueries();
    },
    [queryClient],
  );

  const end = useCallback(
    (reason: EndReason) => {
      const shared = parse(localStorage.getItem(KEY));
      // A 401 for a token another tab has already replaced: take the newer session instead
      // of ending it for every tab.
      if (reason === "expired" && shared && shared.token !== storedRef.current?.token) {
        adopt(shared);
        return;
      }
      localStorage.setItem(END_KEY, reason);
      localStorage.removeItem(KEY);
      endHere(reason);
    },
    [adopt, endHere],
  );

  useEffect(() => {
    onSessionExpired(() => end("expired"));
    return () => onSessionExpired(null);
  }, [end]);

  // Another tab logged in, out, or saw the session expire: follow it.
  useEffect(() => {
    function onStorage(event: StorageEvent) {
      if (event.key !== KEY && event.key !== null) return;
      const next = parse(localStorage.getItem(KEY));
      if (next) {
        if (storedRef.current?.token !== next.token) adopt(next);
      } else if (storedRef.current) {
        endHere(localStorage.getItem(END_KEY) === "expired" ? "expired" : "logout");
      }
    }
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [adopt, endHere]);

  // Load the user of a stored session; end it when its time is up.
  useEffect(() => {
    if (!stored) return;
    let cancelled = false;
    // The page waits for /me only when nobody is signed in yet: a new token for the signed-in
    // person (a password change, a login in another tab) must not unmount the page.
    if (!meRef.current) setLoading(true);
    unwrap(api.GET("/api/v1/me"))
      .then((user) => !cancelled && setMe(user))
      .catch(() => !cancelled && end("expired"))
      .finally(() => !cancelled && setLoading(false));
    const left = new Date(stored.expiresAt).getTime() - Date.now();
    const timer = window.setTimeout(() => end("expired"), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [stored, end]);

  const login = useCallback(async (email: string, password: string) => {
    let response: Response;
    try {
      response = await fetch("/api/v1/auth/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: email, password }),
      });
    } catch {
      throw new ApiError(toProblem(0, null));
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(toProblem(response.status, body));
    const next = { token: body.access_token as string, expiresAt: body.expires_at as string };
    localStorage.removeItem(END_KEY);
    localStorage.setItem(KEY, JSON.stringify(next));
    setToken(next.token);
    setEndReason(null);
    setStored(next);
  }, []);

  const logout = useCallback(() => end("logout"), [end]);

  const refresh = useCallback(async () => {
    setMe(await unwrap(api.GET("/api/v1/me")));
  }, []);

  const value = useMemo(
    () => ({ me, loading, endReason, login, logout, refresh }),
    [me, loading, endReason, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside AuthProvider");
  return state;
}

/** A trainer or an administrator: they follow trainees (menus, read-only records, decisions). */
export function isStaff(me: Me | null): boolean {
  return me !== null && (me.role === "trainer" || me.role === "admin");
}

/** A company tutor (« tuteur en entreprise »): reads their trainees' analyses, notes and
 * portfolios and comments the notes, nothing else (the API answers 403 to any other route). */
export function isTutor(me: Me | null): boolean {
  return me !== null && me.role === "tutor";
}
