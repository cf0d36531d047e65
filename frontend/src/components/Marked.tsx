// A text with the places a checker's findings point to in <mark>s, each with its messages as
// a title (the findings' list beside says them for those who cannot hover). The presentation
// variants and the social pages show their checks with it.
import { segments, type Place } from "./highlight";

export function Marked({ text, places, className }: { text: string; places: Place[]; className: string }) {
  return (
    <p className={className}>
      {segments(text, places).map((s, i) =>
        s.marks.length === 0 ? (
          <span key={i}>{s.text}</span>
        ) : (
          <mark
            key={i}
            className={s.marks.some((m) => m.severity === "error") ? "mark-error" : "mark-warning"}
            title={s.marks.map((m) => m.message).join(" ; ")}
          >
            {s.text}
          </mark>
        ),
      )}
    </p>
  );
}
