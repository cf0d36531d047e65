// File downloads through authFetch (the bearer token is not a cookie, so a plain link would
// be refused): the server's file name from Content-Disposition, else a fallback.
import { authFetch } from "./client";

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* a malformed encoding: try the plain parameter */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = plain ? (plain[2] ?? plain[1]).trim() : "";
  return name || fallback;
}

/** Hand a response's body to the browser as a download; returns the file name used. */
export async function saveResponse(response: Response, fallback: string): Promise<string> {
  const blob = await response.blob();
  const name = filenameFrom(response.headers.get("Content-Disposition"), fallback);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked once the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}

/** Fetch a file with the session's token and hand it to the browser as a download. */
export async function downloadFile(url: string, fallback: string): Promise<string> {
  return saveResponse(await authFetch(url), fallback);
}
