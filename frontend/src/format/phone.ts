// Phone numbers: the API stores and answers E.164 (+33465710099); people read them in the
// national format, in pairs (04 65 71 00 99). One helper for every page that shows a phone;
// `tel:` links keep the E.164 form, which every dialler understands.

// Country codes dialled in France as a 0 and nine digits: metropolitan France and the overseas
// departments (Réunion and Mayotte +262, Guadeloupe +590, Guyane +594, Martinique +596),
// whose national numbers carry the code's digits (+262 262 12 34 56 is 02 62 12 34 56).
const NATIONAL_CODES = ["+33", "+262", "+590", "+594", "+596"];

function pairs(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, "$1 ");
}

/** "+33465710099" → "04 65 71 00 99", an overseas number likewise ("+262692123456" →
 * "06 92 12 34 56"); another country's number, or anything unparsable, is shown as given. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const compact = phone.replace(/[\s.()-]/g, "");
  const code = NATIONAL_CODES.find((c) => compact.startsWith(c) && /^\d{9}$/.test(compact.slice(c.length)));
  return code ? pairs(`0${compact.slice(code.length)}`) : phone;
}

/** The `tel:` link of a phone: E.164 as stored (spaces dropped if any). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[\s.()-]/g, "")}`;
}
