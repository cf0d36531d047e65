// The session: a JWT kept in sessionStorage (one tab's session), the current user (/me),
// and its end — logout, expiry time reached, or any 401 — which goes back to the login page
// with a message.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, onSessionExpired, setToken, unwrap } from "../api/client";
import { ApiError, toProblem } from "../api/problem";
import type { components } from "../api/schema";

export type Me = components["schemas"]["MeOut"];
type Stored = { token: string; expiresAt: string };

const KEY = "capvente.session";

export type EndReason = "logout" | "expired";

interface AuthState {
  me: Me | null;
  loading: boolean;
  endReason: EndReason | null;
  login(email: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    if (stored && new Date(stored.expiresAt).getTime() > Date.now()) return stored;
  } catch {
    /* a damaged entry is no session */
  }
  sessionStorage.removeItem(KEY);
  return null;
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

  const end = useCallback(
    (reason: EndReason) => {
      sessionStorage.removeItem(KEY);
      setToken(null);
      setStored(null);
      setMe(null);
      setEndReason(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    onSessionExpired(() => end("expired"));
    return () => onSessionExpired(null);
  }, [end]);

  // Load the user of a stored session; end it when its time is up.
  useEffect(() => {
    if (!stored) return;
    let cancelled = false;
    setLoading(true);
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
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setToken(next.token);
    setEndReason(null);
    setStored(next);
  }, []);

  const logout = useCallback(() => end("logout"), [end]);

  const value = useMemo(
    () => ({ me, loading, endReason, login, logout }),
    [me, loading, endReason, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside AuthProvider");
  return state;
}

export function isStaff(me: Me | null): boolean {
  return me !== null && me.role !== "trainee";
}
