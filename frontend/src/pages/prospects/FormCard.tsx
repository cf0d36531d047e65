// A card holding one form named by the card's heading (an exchange, a persona, a call
// script, a campaign): the key to the « * » first, then the fields and the footer.
import type { FormEvent, ReactNode } from "react";
import { RequiredNote } from "../../components/ui";

export function FormCard(props: {
  /** The heading's id, which names both the card and the form. */
  id: string;
  title: string;
  onSubmit: (event: FormEvent) => void;
  /** Whether the form marks required fields (then it explains the « * »). */
  requiredNote?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <form className="form-grid" onSubmit={props.onSubmit} aria-labelledby={props.id} noValidate>
        {props.requiredNote !== false && <RequiredNote />}
        {props.children}
      </form>
    </section>
  );
}
