// Small shared pieces: page frame, error banner, empty state, busy state, field, pager.
import { useId, type ReactNode } from "react";
import { describeError, hasFieldErrors } from "../api/problem";
import type { OperationId } from "../api/competences";
import { CompetenceBadges } from "./CompetenceBadges";

export function PageFrame(props: {
  title: string;
  operations: readonly OperationId[];
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{props.title}</h1>
          <CompetenceBadges operations={props.operations} />
        </div>
        {props.actions && <div className="page-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

export function ErrorBanner({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error">
      {title && <strong>{title} </strong>}
      {describeError(error)}
    </div>
  );
}

/** What went wrong with a save: when the server named fields of the form, they are marked
 * beside them and a notice says so; any other failure is shown whole. */
export function SaveError({ error }: { error: unknown }) {
  if (!error) return null;
  return hasFieldErrors(error) ? <Notice>Corrigez les champs signalés.</Notice> : <ErrorBanner error={error} />;
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="alert alert-info">
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-next">{children}</div>}
    </div>
  );
}

export function Busy({ label = "Chargement…" }: { label?: string }) {
  return (
    <p className="busy" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

type FieldProps = {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
};

/** A labelled control with the server's message for that field beneath it. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy || undefined })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

export function Pager(props: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  label?: string;
}) {
  const page = Math.floor(props.offset / props.limit) + 1;
  const pages = Math.max(1, Math.ceil(props.total / props.limit));
  if (props.total <= props.limit && props.offset === 0) return null;
  return (
    <nav className="pager" aria-label={props.label ?? "Pagination"}>
      <button type="button" onClick={() => props.onOffset(Math.max(0, props.offset - props.limit))} disabled={page <= 1}>
        Précédent
      </button>
      <span>
        Page {page} sur {pages} ({props.total} résultat{props.total > 1 ? "s" : ""})
      </span>
      <button type="button" onClick={() => props.onOffset(props.offset + props.limit)} disabled={page >= pages}>
        Suivant
      </button>
    </nav>
  );
}

/** The `<option>`s of a select, one per entry of a label table (value → French label). */
export function Options({ labels }: { labels: Record<string, string> }) {
  return (
    <>
      {Object.entries(labels).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

export function formatDate(value: string | null | undefined, withTime = false): string {
  if (!value) return "—";
  const date = new Date(value);
  return withTime
    ? date.toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" })
    : date.toLocaleDateString("fr-FR");
}
