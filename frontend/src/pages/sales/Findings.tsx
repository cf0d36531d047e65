// What a preparation or a report still misses, as the server checked it.
import type { Schemas as S } from "../../api/types";

export function Findings({ findings, done, title }: { findings: S["FindingOut"][]; done: string; title: string }) {
  return (
    <section aria-labelledby="findings-title" className="card">
      <h2 id="findings-title">{title}</h2>
      {findings.length === 0 ? (
        <p className="verdict-right">{done}</p>
      ) : (
        <ul className="verdicts">
          {findings.map((f, i) => (
            <li key={i} className="verdict-wrong">
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
