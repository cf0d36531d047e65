// The import job's report (a free-form object in the API's schema) read into typed pieces,
// the wizard's step, the progress of a running job, and the header of a CSV file read in the
// browser when the server could not suggest a mapping.
import type { Mapping } from "../../api/imports";
import type { ImportJobOut as ImportJob, ImportStatus } from "../../api/types";

export type { Mapping };

export interface RowError {
  row: number;
  column: string | null;
  field: string;
  reason: string;
}

export interface Duplicate {
  row: number;
  matchedProspectId: number | null;
  matchedRow: number | null;
  on: string;
}

export interface CommitResult {
  created: number;
  updated: number;
  skippedDuplicates: number;
  skippedInvalid: number;
  contactsCreated: number;
  consentsRecorded: number;
}

export interface ImportReport {
  phase: string;
  columns: string[];
  file: Record<string, string>;
  mapping: Mapping;
  suggestedMapping: Mapping;
  kindDefault: string | null;
  /** Set once a commit was asked for (true or false); null before. */
  skipInvalidRows: boolean | null;
  planned: { create: number; update: number; skip: number } | null;
  errors: RowError[];
  errorsTotal: number;
  errorsTruncated: boolean;
  duplicates: Duplicate[];
  duplicatesTotal: number;
  duplicatesTruncated: boolean;
  result: CommitResult | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

function mappingOf(v: unknown): Mapping {
  const out: Mapping = {};
  if (!isObject(v)) return out;
  for (const [column, field] of Object.entries(v)) out[column] = typeof field === "string" && field ? field : null;
  return out;
}

export function readReport(raw: Record<string, unknown> | null | undefined): ImportReport {
  const r = raw ?? {};
  const options = isObject(r.options) ? r.options : {};
  const planned = isObject(r.planned)
    ? { create: num(r.planned.create), update: num(r.planned.update), skip: num(r.planned.skip) }
    : null;
  const result = isObject(r.result)
    ? {
        created: num(r.result.created),
        updated: num(r.result.updated),
        skippedDuplicates: num(r.result.skipped_duplicates),
        skippedInvalid: num(r.result.skipped_invalid),
        contactsCreated: num(r.result.contacts_created),
        consentsRecorded: num(r.result.consents_recorded),
      }
    : null;
  const errors = (Array.isArray(r.errors) ? r.errors : []).filter(isObject).map((e) => ({
    row: num(e.row),
    column: typeof e.column === "string" ? e.column : null,
    field: str(e.field),
    reason: str(e.reason),
  }));
  const duplicates = (Array.isArray(r.duplicates) ? r.duplicates : []).filter(isObject).map((d) => ({
    row: num(d.row),
    matchedProspectId: typeof d.matched_prospect_id === "number" ? d.matched_prospect_id : null,
    matchedRow: typeof d.matched_row === "number" ? d.matched_row : null,
    on: str(d.on),
  }));
  const file: Record<string, string> = {};
  if (isObject(r.file)) for (const [k, v] of Object.entries(r.file)) file[k] = str(v);
  return {
    phase: str(r.phase),
    columns: Array.isArray(r.columns) ? r.columns.map(str) : [],
    file,
    mapping: mappingOf(r.mapping),
    suggestedMapping: mappingOf(r.suggested_mapping),
    kindDefault: typeof options.kind_default === "string" ? options.kind_default : null,
    skipInvalidRows: typeof options.skip_invalid_rows === "boolean" ? options.skip_invalid_rows : null,
    planned,
    errors,
    errorsTotal: num(r.errors_total) || errors.length,
    errorsTruncated: r.errors_truncated === true,
    duplicates,
    duplicatesTotal: num(r.duplicates_total) || duplicates.length,
    duplicatesTruncated: r.duplicates_truncated === true,
    result,
  };
}

/** Statuses during which the job moves on its own (the page polls it). */
export const RUNNING: ReadonlySet<ImportStatus> = new Set(["pending", "validating", "writing"]);
/** Statuses an import may still be cancelled from (service.NOT_WRITTEN, minus failed: nothing left to drop). */
export const CANCELLABLE: ReadonlySet<ImportStatus> = new Set(["pending", "validating", "validated"]);

/** A job that failed while being written (a commit had been asked for), not during its dry-run. */
export function failedAtCommit(job: Pick<ImportJob, "status" | "report">): boolean {
  return job.status === "failed" && readReport(job.report).skipInvalidRows !== null;
}

export type WizardView = "upload" | "mapping" | "report";

/** The wizard's step (1 file, 2 mapping, 3 dry-run report, 4 writing, 5 final report). */
export function wizardStep(job: Pick<ImportJob, "status" | "report"> | null, view: WizardView): number {
  if (!job) return view === "mapping" ? 2 : 1;
  switch (job.status) {
    case "writing":
      return 4;
    case "committed":
    case "cancelled":
      return 5;
    case "failed":
      return failedAtCommit(job) ? 5 : 3;
    default:
      return view === "mapping" ? 2 : 3;
  }
}

/** Percentage of the dry-run done, when it can be known (the writing is one transaction). */
export function progressOf(job: Pick<ImportJob, "status" | "processed_rows" | "total_rows">): number | null {
  if (job.status === "pending") return 0;
  if (job.status !== "validating" || job.total_rows <= 0) return null;
  // total_rows is an upper bound until the dry-run has read every row: never show 100 % early.
  return Math.min(99, Math.floor((job.processed_rows / job.total_rows) * 100));
}

/** Two mappings send the same columns to the same fields. */
export function sameMapping(a: Mapping, b: Mapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}

/** Fields fed by more than one column (the server refuses them). */
export function repeatedFields(mapping: Mapping): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const field of Object.values(mapping)) {
    if (!field) continue;
    if (seen.has(field)) repeated.add(field);
    seen.add(field);
  }
  return [...repeated];
}

/** The column names of a CSV file as the server reads them (parsing.py: encoding, separator,
 * quotes, unnamed columns numbered, repeated ones suffixed, trailing empty ones dropped). */
export function readCsvHeader(bytes: Uint8Array): string[] {
  const head = bytes.subarray(0, 256 * 1024);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    text = new TextDecoder("windows-1252").decode(head);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const line = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  if (!line) return [];
  const bare = line.replace(/"[^"]*"/g, "");
  let delimiter = ",";
  let best = 0;
  for (const d of [";", ",", "\t"]) {
    const count = bare.split(d).length - 1;
    if (count > best || (count === best && count > 0 && d === ",")) {
      best = count;
      delimiter = d;
    }
  }
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  const names: string[] = [];
  cells.forEach((raw, index) => {
    const base = raw.trim() || `Colonne ${index + 1}`;
    let name = base;
    for (let repeat = 2; names.includes(name); repeat++) name = `${base} (${repeat})`;
    names.push(name);
  });
  while (names.length && names[names.length - 1].startsWith("Colonne ") && !cells[names.length - 1].trim()) names.pop();
  return names;
}
