// The import routes: the upload is multipart (authFetch), the rest goes through the typed client.
import { api, authFetch, unwrap } from "./client";
import type { DuplicatePolicy, ImportJobOut as ImportJob, ImportRules, ProspectKind } from "./types";

/** A column mapping: file header → field name (or null to ignore the column). */
export type Mapping = Record<string, string | null>;

export interface UploadOptions {
  mapping?: Mapping;
  duplicatePolicy: DuplicatePolicy;
  kindDefault: ProspectKind | "";
}

export async function uploadImport(file: File, options: UploadOptions): Promise<ImportJob> {
  const body = new FormData();
  body.append("file", file, file.name);
  if (options.mapping) body.append("mapping", JSON.stringify(options.mapping));
  body.append("duplicate_policy", options.duplicatePolicy);
  if (options.kindDefault) body.append("kind_default", options.kindDefault);
  const response = await authFetch("/api/v1/prospects/imports", { method: "POST", body });
  return (await response.json()) as ImportJob;
}

export function readImport(id: number): Promise<ImportJob> {
  return unwrap(api.GET("/api/v1/prospects/imports/{import_id}", { params: { path: { import_id: id } } }));
}

export function commitImport(id: number, skipInvalidRows: boolean): Promise<ImportJob> {
  return unwrap(
    api.POST("/api/v1/prospects/imports/{import_id}/commit", {
      params: { path: { import_id: id } },
      body: { skip_invalid_rows: skipInvalidRows },
    }),
  );
}

export async function cancelImport(id: number): Promise<void> {
  await unwrap(api.DELETE("/api/v1/prospects/imports/{import_id}", { params: { path: { import_id: id } } }));
}

/** What an upload may map and how big it may be (the server's settings). */
export function readImportRules(): Promise<ImportRules> {
  return unwrap(api.GET("/api/v1/prospects/imports/rules"));
}
