// The trainer's working copy of a case, edited as one JSON document (the import format):
// checked as JSON here, then whole by the server, which lists every fault by path. The
// version read is sent back: a case changed meanwhile is refused, never overwritten.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { downloadFile } from "../../api/download";
import { isStaleVersion } from "../../api/problem";
import { businessCasesChanged } from "../../api/queries/businessCases";
import type { BusinessCaseOut, Schemas } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { ErrorBanner, Field } from "../../components/ui";
import { DocumentErrors } from "./DocumentErrors";

type DocumentIn = Schemas["BusinessCaseDocument-Input"];

/** The text's document, or the reason it is not JSON (in French). */
export function parseDocument(text: string): { document: DocumentIn } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { error: "Le document doit être un objet JSON ({ … })." };
    return { document: value as DocumentIn };
  } catch (e) {
    return { error: `JSON mal formé : ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function DraftEditor({ businessCase: c, onDone }: { businessCase: BusinessCaseOut; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(c.document, null, 2));
  const [local, setLocal] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (document: DocumentIn) =>
      unwrap(
        api.PUT("/api/v1/business-cases/{case_id}", {
          params: { path: { case_id: c.id } },
          body: { version: c.version, document },
        }),
      ),
    onSuccess: () => {
      void businessCasesChanged.any(queryClient);
      onDone();
    },
  });
  const schema = useMutation({
    mutationFn: () => downloadFile("/api/v1/business-cases/schema", "business-case.schema.json"),
  });
  return (
    <section className="card" aria-labelledby="draft-editor-title">
      <h2 id="draft-editor-title">Modifier le brouillon (JSON)</h2>
      <p className="muted">
        Le document entier, au format de l'import. Enregistrer remplace le brouillon ; vos stagiaires ne voient le
        changement qu'une fois le cas publié.{" "}
        <button type="button" className="link" onClick={() => schema.mutate()}>
          Télécharger le schéma JSON
        </button>
      </p>
      <ErrorBanner error={schema.error} />
      <form
        aria-labelledby="draft-editor-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseDocument(text);
          if ("error" in parsed) {
            setLocal(parsed.error);
            return;
          }
          setLocal(null);
          save.mutate(parsed.document);
        }}
      >
        <Field label="Document JSON du brouillon" error={local ?? undefined}>
          {(p) => (
            <textarea
              {...p}
              className="json-editor"
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        {!isStaleVersion(save.error) && <DocumentErrors error={save.error} title="Brouillon refusé, rien n'a changé" />}
        <FormFooter
          error={isStaleVersion(save.error) ? save.error : null}
          local={Boolean(local)}
          pending={save.isPending}
          stale="Ce cas a été modifié entre-temps : vos modifications n'ont pas été enregistrées. Fermez l'éditeur, puis rouvrez-le pour partir de la version actuelle (copiez d'abord votre texte si besoin)."
          submitLabel="Enregistrer le brouillon"
          onReload={() => {
            void businessCasesChanged.any(queryClient);
            onDone();
          }}
          onCancel={onDone}
        />
      </form>
    </section>
  );
}
