// The API's single error model: RFC 9457 problem+json, with `errors` naming fields.

export interface FieldError {
  location?: string;
  field: string;
  message: string;
  type?: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** An API call that failed: a problem document (or one made up for network failures). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field → French message, for showing each error next to its field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (!(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }
}

/**
 * The field errors of a failed save, field → French message (none when it failed otherwise,
 * or not at all). Only the body's fields count (a query parameter is not a form field).
 * Nested fields ("postcodes.0", "appointment.starts_at", "steps.2.text") are kept as sent
 * and also reported on their first segment, so that a form can show them next to the
 * control that holds the whole value.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) {
    if (e.location && e.location !== "body") continue;
    if (!(e.field in out)) out[e.field] = e.message;
    const head = e.field.split(".")[0];
    if (head && !(head in out)) out[head] = e.message;
  }
  return out;
}

/** A 409 on the optimistic lock: someone (or another tab) changed the record meanwhile. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.problem.type === "urn:capvente:problem:stale-version";
}

/** Whether a failed save named fields of the form (the body), which the form marks beside
 * them rather than in a banner. */
export function hasFieldErrors(error: unknown): boolean {
  return error instanceof ApiError && (error.problem.errors ?? []).some((e) => !e.location || e.location === "body");
}

export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === "object" && "title" in body) {
    return { status, ...(body as object) } as Problem;
  }
  return {
    status,
    title: status === 0 ? "Serveur injoignable" : `Erreur ${status}`,
    detail:
      status === 0
        ? "Le serveur CapVente ne répond pas. Vérifiez qu'il est lancé, puis réessayez."
        : "Le serveur a répondu par une erreur inattendue.",
  };
}

/** A French sentence for any error thrown by a query or a mutation. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const p = error.problem;
    return p.detail && p.detail !== p.title ? `${p.title} : ${p.detail}` : p.title;
  }
  if (error instanceof Error) return error.message;
  return "Erreur inconnue.";
}
