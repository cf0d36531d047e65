// Bloctel (CP3.1): before calling individuals, check the file against the opposition list —
// upload the list received (one number per line), see how many records are opposed, and the
// checks done before. The channel policy then refuses phone canvassing of those records.
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { authFetch } from "../../api/client";
import { privacyChanged, privacyQueries } from "../../api/queries/privacy";
import type { BloctelReport as Report } from "../../api/types";
import { EmptyState, Field, PageFrame, SaveError, formatDate } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { fieldErrorsOf } from "../../api/problem";
import { RgpdNav } from "./RgpdNav";

const LIMIT = 20;

export async function uploadBloctel(file: File, checkedOn: string): Promise<Report> {
  const body = new FormData();
  body.append("file", file, file.name);
  if (checkedOn) body.append("checked_on", checkedOn);
  const response = await authFetch("/api/v1/privacy/bloctel", { method: "POST", body });
  return (await response.json()) as Report;
}

export function bloctelSummary(r: Report): string {
  const invalid = r.invalid_lines ? `, ${r.invalid_lines} ligne(s) illisible(s) ignorée(s)` : "";
  return (
    `${r.numbers_in_list} numéro(s) dans la liste${invalid} ; ${r.prospects_checked} particulier(s) vérifié(s), ` +
    `dont ${r.prospects_opposed} inscrit(s) sur Bloctel.`
  );
}

/** The list to check, and its date (the server's today when empty). */
type Draft = { file: File | null; checked_on: string };

export function BloctelPage() {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<Draft>({ file: null, checked_on: "" });
  const [offset, setOffset] = useState(0);
  const history = useQuery({
    ...privacyQueries.bloctel(LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  const upload = useMutation({
    mutationFn: ({ file, checked_on }: Draft) => {
      if (!file) throw new Error("Choisissez le fichier de la liste Bloctel.");
      return uploadBloctel(file, checked_on);
    },
    onSuccess: () => {
      privacyChanged.bloctel(queryClient);
    },
  });
  const errors = fieldErrorsOf(upload.error);
  return (
    <PageFrame title="Vérification Bloctel" operations={["upload_bloctel", "list_bloctel"]}>
      <RgpdNav />
      <p>
        Avant de démarcher des particuliers par téléphone, confrontez votre fichier à la liste d'opposition Bloctel (un
        numéro par ligne). Les fiches inscrites sont marquées ; la politique des canaux refuse ensuite de les appeler
        pour de la prospection. Les numéros de la liste ne sont pas conservés en clair.
      </p>
      <form
        className="card form-grid"
        onSubmit={submitWith((v) => upload.mutate(v))}
        aria-label="Vérifier le fichier avec une liste Bloctel"
      >
        <Field label="Liste Bloctel (fichier texte)" error={errors.file}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept=".txt,.csv,text/plain,text/csv"
              onChange={(e) => set("file", e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field label="Date de la liste" hint="Par défaut : aujourd'hui." error={errors.checked_on}>
          {(p) => (
            <input {...p} type="date" value={values.checked_on} onChange={(e) => set("checked_on", e.target.value)} />
          )}
        </Field>
        <SaveError error={upload.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={upload.isPending || !values.file}>
            {upload.isPending ? "Vérification…" : "Vérifier mon fichier"}
          </button>
        </div>
      </form>
      {upload.data && (
        <div role="status" className="alert alert-info">
          {bloctelSummary(upload.data)}{" "}
          {upload.data.prospects_opposed > 0 && (
            <Link to="/prospects?kind=individual">Voir les particuliers du fichier</Link>
          )}
        </div>
      )}
      <h2>Vérifications passées</h2>
      <QueryState
        query={history}
        empty={
          <EmptyState title="Aucune vérification Bloctel.">
            Déposez la liste reçue ci-dessus : une vérification de moins de 30 jours est attendue avant d'appeler un
            particulier.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Vérifications Bloctel"
            headers={["Date de la liste", "Numéros", "Lignes illisibles", "Particuliers vérifiés", "Inscrits"]}
            wrapperClassName={null}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">{formatDate(r.checked_on)}</th>
                <td>{r.numbers_in_list}</td>
                <td>{r.invalid_lines}</td>
                <td>{r.prospects_checked}</td>
                <td>{r.prospects_opposed}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
