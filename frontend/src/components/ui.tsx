// Small shared pieces: page frame, error banner, empty state, busy state, field, pager.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
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

/** The button that opens a form or a part in place and then closes it: it says what it opens,
 * then how to close it, and tells assistive technologies whether it is open. */
export function DisclosureButton({
  open,
  onToggle,
  primary = false,
  closeLabel = "Fermer",
  children,
}: {
  open: boolean;
  onToggle: () => void;
  primary?: boolean;
  closeLabel?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" className={primary ? "primary" : undefined} aria-expanded={open} onClick={onToggle}>
      {open ? closeLabel : children}
    </button>
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
  /** A value is needed: the label shows « * » (explained by <RequiredNote>) and the
   * control gets aria-required. The server still decides (its message reads « Champ
   * obligatoire. »); the form keeps noValidate, so no browser bubble. */
  required?: boolean;
  children: (props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    "aria-required"?: boolean;
  }) => ReactNode;
};

/** A labelled control with the server's message for that field beneath it. The message is
 * about the value that was sent: once the user changes the control it is hidden (it would
 * otherwise sit beside a corrected value), until the form is sent again. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const [changedSince, setChangedSince] = useState<string | null>(null);
  // A new answer (the error gone while the form is sent, or another message) shows again.
  if (changedSince !== null && changedSince !== error) setChangedSince(null);
  const shown = error && changedSince !== error ? error : undefined;
  const describedBy = [hint ? `${id}-hint` : "", shown ? `${id}-error` : ""].filter(Boolean).join(" ");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Sending the form again asks the server again: its answer is shown even when it is
    // the same message as before.
    const form = ref.current?.closest("form");
    if (!form) return;
    const reset = () => setChangedSince(null);
    form.addEventListener("submit", reset);
    return () => form.removeEventListener("submit", reset);
  }, []);
  return (
    <div
      ref={ref}
      className={`field${shown ? " field-invalid" : ""}`}
      onChange={() => {
        if (error) setChangedSince(error);
      }}
    >
      {/* The « * » is CSS content with empty alternative text: seen, not part of the name. */}
      <label htmlFor={id} className={required ? "required" : undefined}>
        {label}
      </label>
      {children({
        id,
        "aria-invalid": Boolean(shown),
        "aria-describedby": describedBy || undefined,
        ...(required ? { "aria-required": true } : {}),
      })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {shown && (
        <small id={`${id}-error`} className="field-error">
          {shown}
        </small>
      )}
    </div>
  );
}

/** The key to the « * » of required fields, once per form. */
export function RequiredNote() {
  return (
    <p className="hint wide required-note">
      Les champs marqués d'un astérisque (<span className="required-mark">*</span>) sont obligatoires.
    </p>
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
      <button
        type="button"
        onClick={() => props.onOffset(Math.max(0, props.offset - props.limit))}
        disabled={page <= 1}
      >
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
