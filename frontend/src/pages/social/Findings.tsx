// A check's findings as the social pages show them: a list, each with its verdict in words
// (not by colour alone), and a text with the places the findings point to in <mark>s.
import { SEVERITIES } from "../../labels/social";
import { Marked } from "../../components/Marked";
import { sortedFindings, type Finding } from "./findings";

export function FindingsList({ findings, label }: { findings: readonly Finding[]; label: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" aria-label={label}>
      {sortedFindings(findings).map((f, i) => (
        <li key={i} className={`finding-${f.severity}`}>
          <strong>{SEVERITIES[f.severity] ?? f.severity} :</strong> {f.message}
        </li>
      ))}
    </ul>
  );
}

/** The text with the places of the findings about `field` marked (their messages as titles
 * and in the list beside, for those who cannot hover). */
export function MarkedText(props: { text: string; findings: readonly Finding[]; field: string; label: string }) {
  const places = props.findings.filter((f) => f.severity !== "ok" && f.field === props.field);
  if (!props.text) return null;
  return (
    <figure className="marked-text">
      <figcaption className="muted">{props.label}</figcaption>
      <Marked text={props.text} places={places} className="social-text" />
    </figure>
  );
}

/** « Contrôle réussi » or « À corriger : n point(s) », in words. */
export function Verdict({ findings, passed }: { findings: readonly Finding[]; passed: boolean }) {
  const errors = findings.filter((f) => f.severity === "error").length;
  return (
    <strong className={passed ? "status-ok" : "status-error"}>
      {passed ? "Contrôle réussi" : `À corriger : ${errors} point${errors > 1 ? "s" : ""}`}
    </strong>
  );
}
