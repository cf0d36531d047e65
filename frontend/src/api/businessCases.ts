// The business case import: a multipart upload of one JSON document (authFetch), the rest
// goes through the typed client.
import { authFetch } from "./client";
import type { BusinessCaseOut } from "./types";

/** Create a case from a JSON file (2 MB at most), published at once when `publish`. */
export async function importBusinessCase(file: File, publish: boolean): Promise<BusinessCaseOut> {
  const body = new FormData();
  body.append("file", file, file.name);
  body.append("publish", publish ? "true" : "false");
  const response = await authFetch("/api/v1/business-cases/import", { method: "POST", body });
  return (await response.json()) as BusinessCaseOut;
}
