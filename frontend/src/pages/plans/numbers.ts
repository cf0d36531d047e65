// Numbers typed in French forms, sent to the API.

/** A number field: blank is null; a comma is a decimal point; anything else is sent as typed
 * (the server says why it is wrong, beside the field). */
export function numberOrNull(v: string): number | string | null {
  const t = v.trim().replace(",", ".");
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}
