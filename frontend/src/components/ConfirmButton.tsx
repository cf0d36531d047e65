// A destructive action asked twice: the first click shows what will happen and two buttons
// (confirm, cancel), the second does it. Used for every deletion of the client.
import { useEffect, useRef, useState } from "react";
import "./records.css";

export function ConfirmButton(props: {
  /** The button's label ("Supprimer"). */
  label: string;
  /** What the confirmation says ("Supprimer le concurrent « Alpha » ?"). */
  question: string;
  /** The confirming button's label (default: "Oui, supprimer"). */
  confirmLabel?: string;
  pending?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className="danger"
        disabled={props.disabled || props.pending}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={props.question} className="confirm">
      <span>{props.question}</span>{" "}
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        disabled={props.pending}
        onClick={() => {
          props.onConfirm();
          setAsking(false);
        }}
      >
        {props.pending ? "Suppression…" : (props.confirmLabel ?? "Oui, supprimer")}
      </button>{" "}
      <button type="button" onClick={() => setAsking(false)}>
        Annuler
      </button>
    </span>
  );
}
