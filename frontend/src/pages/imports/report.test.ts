import type { ImportJobOut as ImportJob } from "../../api/types";
import { describe, expect, it } from "vitest";
import {
  failedAtCommit,
  progressOf,
  readCsvHeader,
  readReport,
  repeatedFields,
  sameMapping,
  wizardStep,
} from "./report";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("readCsvHeader", () => {
  it("reads a semicolon header with a BOM, quotes and blank lines first", () => {
    expect(readCsvHeader(bytes('\ufeff\n  \nNom;"N° ""SIRET""";Téléphone; E-mail \r\na;b;c;d\r\n'))).toEqual([
      "Nom",
      'N° "SIRET"',
      "Téléphone",
      "E-mail",
    ]);
  });

  it("prefers the comma on a tie and ignores separators inside quotes", () => {
    expect(readCsvHeader(bytes('"Nom; société",Ville\n'))).toEqual(["Nom; société", "Ville"]);
    expect(readCsvHeader(bytes("a;b,c\n"))).toEqual(["a;b", "c"]);
  });

  it("numbers unnamed columns, suffixes repeated ones and drops trailing empty ones", () => {
    expect(readCsvHeader(bytes("Nom,,Nom,Nom,\n"))).toEqual(["Nom", "Colonne 2", "Nom (2)", "Nom (3)"]);
  });

  it("decodes Windows-1252 when the file is not UTF-8", () => {
    const latin = new Uint8Array([0x54, 0xe9, 0x6c, 0xe9, 0x70, 0x68, 0x6f, 0x6e, 0x65, 0x3b, 0x4e, 0x6f, 0x6d, 0x0a]);
    expect(readCsvHeader(latin)).toEqual(["Téléphone", "Nom"]);
  });

  it("returns nothing for an empty file", () => {
    expect(readCsvHeader(bytes("\n\n"))).toEqual([]);
  });
});

describe("readReport", () => {
  it("reads a dry-run report defensively", () => {
    const report = readReport({
      phase: "dry_run",
      columns: ["Nom", "SIRET"],
      mapping: { Nom: "name", SIRET: null },
      suggested_mapping: { Nom: "name", SIRET: "siret" },
      options: { kind_default: "company" },
      planned: { create: 1, update: 0, skip: 1 },
      errors: [{ row: 3, column: "SIRET", field: "siret", reason: "SIRET invalide." }, "junk"],
      errors_total: 1,
      duplicates: [
        { row: 6, matched_prospect_id: 444, on: "siret" },
        { row: 7, matched_row: 2, on: "email" },
      ],
      duplicates_total: 2,
    });
    expect(report.mapping).toEqual({ Nom: "name", SIRET: null });
    expect(report.kindDefault).toBe("company");
    expect(report.skipInvalidRows).toBeNull();
    expect(report.errors).toEqual([{ row: 3, column: "SIRET", field: "siret", reason: "SIRET invalide." }]);
    expect(report.duplicates[0]).toEqual({ row: 6, matchedProspectId: 444, matchedRow: null, on: "siret" });
    expect(report.duplicates[1].matchedRow).toBe(2);
    expect(report.result).toBeNull();
  });

  it("survives an empty report", () => {
    const report = readReport({});
    expect(report.columns).toEqual([]);
    expect(report.planned).toBeNull();
    expect(report.errorsTotal).toBe(0);
  });
});

const job = (status: ImportJob["status"], extra: Partial<ImportJob> = {}) =>
  ({ status, report: {}, processed_rows: 0, total_rows: 0, ...extra }) as ImportJob;

describe("wizard step and progress", () => {
  it("follows the job's status", () => {
    expect(wizardStep(null, "upload")).toBe(1);
    expect(wizardStep(null, "mapping")).toBe(2);
    expect(wizardStep(job("validating"), "mapping")).toBe(2);
    expect(wizardStep(job("validated"), "report")).toBe(3);
    expect(wizardStep(job("failed"), "report")).toBe(3);
    expect(wizardStep(job("writing"), "report")).toBe(4);
    expect(wizardStep(job("committed"), "mapping")).toBe(5);
    const atCommit = job("failed", { report: { options: { skip_invalid_rows: true } } });
    expect(failedAtCommit(atCommit)).toBe(true);
    expect(wizardStep(atCommit, "report")).toBe(5);
  });

  it("knows a percentage only while validating", () => {
    expect(progressOf(job("pending"))).toBe(0);
    expect(progressOf(job("validating", { processed_rows: 500, total_rows: 2000 }))).toBe(25);
    expect(progressOf(job("validating", { processed_rows: 2000, total_rows: 2000 }))).toBe(99);
    expect(progressOf(job("writing", { processed_rows: 2000, total_rows: 2000 }))).toBeNull();
  });
});

describe("mapping helpers", () => {
  it("compares mappings and finds repeated fields", () => {
    expect(sameMapping({ A: "name", B: null }, { A: "name" })).toBe(true);
    expect(sameMapping({ A: "name" }, { A: "siret" })).toBe(false);
    expect(repeatedFields({ A: "name", B: "name", C: null, D: null, E: "email" })).toEqual(["name"]);
  });
});
