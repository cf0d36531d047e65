// The typed API client: openapi-fetch over the generated schema. Every call carries the
// session's bearer token; a 401 on an authenticated call ends the session (back to login
// with a message); every failure becomes an ApiError holding the problem document.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, toProblem } from "./problem";

let token: string | null = null;
let onExpired: (() => void) | null = null;

export function setToken(value: string | null): void {
  token = value;
}

export function onSessionExpired(callback: (() => void) | null): void {
  onExpired = callback;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && request.headers.has("Authorization") && onExpired) {
      onExpired();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(auth);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a call, or an ApiError (problem+json) thrown. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(toProblem(0, null));
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(toProblem(result.response.status, result.error));
  }
  return result.data as T;
}

/** Raw fetch with the session's token, for files (exports, uploads) the typed client does not model. */
export async function authFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch {
    throw new ApiError(toProblem(0, null));
  }
  if (response.status === 401 && token && onExpired) onExpired();
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(toProblem(response.status, body));
  }
  return response;
}
