// Create a business case from a JSON file (the format an exercise platform ships its cases
// in): validated whole by the server before anything is written; every fault is listed with
// its path. Optionally published as version 1 at once.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { importBusinessCase } from "../../api/businessCases";
import { businessCasesChanged } from "../../api/queries/businessCases";
import type { BusinessCaseOut } from "../../api/types";
import { Field } from "../../components/ui";
import { DocumentErrors } from "./DocumentErrors";

export function ImportCaseForm({ onDone }: { onDone: (saved?: BusinessCaseOut) => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: (f: File) => importBusinessCase(f, publish),
    onSuccess: (saved) => {
      void businessCasesChanged.any(queryClient);
      onDone(saved);
    },
  });
  return (
    <section className="card" aria-labelledby="import-case-title">
      <h2 id="import-case-title">Importer un cas d'entreprise</h2>
      <p className="muted">
        Un fichier JSON conforme au schéma des cas d'entreprise (2 Mo au plus) ; le cas est créé en brouillon, ou publié
        en version 1 si vous le demandez.
      </p>
      <form
        className="form-grid"
        aria-labelledby="import-case-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(!file);
          if (file) send.mutate(file);
        }}
      >
        <Field label="Fichier JSON du cas" required error={missing ? "Choisissez un fichier." : undefined}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept="application/json,.json"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setMissing(false);
              }}
            />
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
          Publier la version 1 aussitôt
        </label>
        <div className="wide">
          <DocumentErrors error={send.error} title="Fichier refusé, rien n'a été créé" />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={send.isPending}>
            {send.isPending ? "Import…" : "Importer"}
          </button>
          <button type="button" onClick={() => onDone()}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}
