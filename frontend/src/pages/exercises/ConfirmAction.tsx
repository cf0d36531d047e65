// An action that cannot be undone, asked twice (closing an exercise, handing in a run): the
// first click says what will happen and offers two buttons, the second does it. Like the
// deletions' ConfirmButton, with the action's own wording while it is pending.
import { useEffect, useRef, useState } from "react";
import "../../components/records.css";

export function ConfirmAction(props: {
  label: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  pending?: boolean;
  disabled?: boolean;
  primary?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  // Once answered, the focus goes back to the button (not to the page).
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (asked) askRef.current?.focus();
  }, [asking, asked]);
  if (!asking) {
    return (
      <button
        ref={askRef}
        type="button"
        className={props.primary ? "primary" : undefined}
        disabled={props.disabled || props.pending}
        onClick={() => setAsking(true)}
      >
        {props.pending ? props.pendingLabel : props.label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={props.question} className="confirm">
      <span>{props.question}</span>{" "}
      <button
        ref={confirmRef}
        type="button"
        className="primary"
        onClick={() => {
          props.onConfirm();
          setAsked(true);
          setAsking(false);
        }}
      >
        {props.confirmLabel}
      </button>{" "}
      <button
        type="button"
        onClick={() => {
          setAsked(true);
          setAsking(false);
        }}
      >
        Annuler
      </button>
    </span>
  );
}
