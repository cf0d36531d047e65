// Pick the person concerned: a prospect found by search, then (for a company) one of its
// contacts or the company itself. No <form> here: it is used inside other forms.
import { useState, type KeyboardEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { prospectQueries } from "../../api/queries/prospects";
import type { ProspectOut as Prospect, ContactOut as Contact } from "../../api/types";
import { EmptyState, ErrorBanner, Field } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { PROSPECT_KINDS } from "../../labels/privacy";

export function prospectLabel(p: Prospect): string {
  return `${p.name} (${PROSPECT_KINDS[p.kind]}${p.city ? `, ${p.city}` : ""})`;
}

export function contactLabel(c: Contact): string {
  return `${c.first_name} ${c.last_name}`.trim() + (c.job_title ? `, ${c.job_title}` : "");
}

export function ProspectPicker(props: {
  label: string;
  selected: Prospect | null;
  onSelect: (prospect: Prospect | null) => void;
  error?: string;
}) {
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | null>(null);
  const results = useQuery({
    ...prospectQueries.picker(q),
    enabled: q !== null && props.selected === null,
  });

  if (props.selected) {
    return (
      <div className="field">
        <p>
          Fiche choisie : <strong>{prospectLabel(props.selected)}</strong>{" "}
          <button type="button" className="link" onClick={() => props.onSelect(null)}>
            Changer de fiche
          </button>
        </p>
      </div>
    );
  }

  const search = () => setQ(text.trim());
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      search();
    }
  };
  return (
    <div>
      <div className="filters">
        <Field label={props.label} hint="Nom, ville, e-mail ou téléphone ; Entrée pour chercher." error={props.error}>
          {(p) => (
            <input {...p} type="search" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" onClick={search}>
            Rechercher
          </button>
        </div>
      </div>
      {/* Busy while a search runs (none runs before the first one). */}
      <QueryState
        query={{ data: results.data, error: results.error, isPending: results.isFetching }}
        busyLabel="Recherche…"
        empty={<EmptyState title="Aucune fiche ne correspond.">Essayez une partie du nom ou la ville.</EmptyState>}
      >
        {(data) => (
          <ul className="plain" aria-label="Fiches trouvées">
            {data.items.map((p) => (
              <li key={p.id}>
                <button type="button" className="link" onClick={() => props.onSelect(p)}>
                  {prospectLabel(p)}
                </button>
              </li>
            ))}
            {data.total > data.items.length && (
              <li className="muted">{data.total} fiches trouvées : précisez la recherche pour voir les autres.</li>
            )}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

/** The person within a company: the company itself or one of its contacts. */
export function ContactSelect(props: {
  prospect: Prospect;
  value: number | null;
  onChange: (id: number | null, contact: Contact | null) => void;
  error?: string;
}) {
  const contacts = useQuery({
    ...prospectQueries.pickerContacts(props.prospect.id),
    enabled: props.prospect.kind === "company",
  });
  if (props.prospect.kind !== "company") return null;
  const items = contacts.data?.items ?? [];
  return (
    <>
      <ErrorBanner error={contacts.error} />
      <Field
        label="Personne concernée"
        error={props.error}
        hint={contacts.isPending ? "Chargement des contacts…" : undefined}
      >
        {(p) => (
          <select
            {...p}
            value={props.value ?? ""}
            onChange={(e) => {
              const id = Number(e.target.value) || null;
              props.onChange(id, items.find((c) => c.id === id) ?? null);
            }}
          >
            <option value="">L'entreprise elle-même</option>
            {items.map((c) => (
              <option key={c.id} value={c.id}>
                {contactLabel(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
