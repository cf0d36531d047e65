// The calculation step by step, as the server wrote it (formulas with their figures).
import { useQuery } from "@tanstack/react-query";
import { salesQueries } from "../../api/queries/sales";
import { QueryState } from "../../components/QueryState";

export function Breakdown({ quoteId }: { quoteId: number }) {
  const quote = useQuery(salesQueries.quote(quoteId, true));
  return (
    <section aria-labelledby="breakdown-title" className="card">
      <h2 id="breakdown-title">Détail du calcul</h2>
      <QueryState query={quote}>
        {(q) => (
          <ol className="steps">
            {(q.figures.steps ?? []).map((s) => (
              <li key={s.code}>
                <h3>{s.title}</h3>
                <ul>
                  {s.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
