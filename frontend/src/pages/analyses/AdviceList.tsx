// The readability advice on the draft (length, figures cited, the expected parts, each gap
// with its cause and each cause with its action, sentence length): advice, never a grade.
import type { AdviceOut } from "../../api/types";

export function AdviceList({ advice }: { advice: AdviceOut[] }) {
  return (
    <section className="card" aria-labelledby="note-advice">
      <h2 id="note-advice">Conseils de lisibilité</h2>
      <p className="muted">Des repères pour relire votre note avant de la soumettre, pas une évaluation.</p>
      <ul className="checks">
        {advice.map((a) => (
          <li key={a.code} className={a.ok ? "check-ok" : "check-advice"}>
            <span aria-hidden="true">{a.ok ? "✓" : "➜"}</span>{" "}
            <span className="sr-only">{a.ok ? "Bien : " : "À revoir : "}</span>
            {a.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
