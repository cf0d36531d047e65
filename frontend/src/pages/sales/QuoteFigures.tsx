// A quote's figures (or an order's: `of`) as the server computed them: its lines, the
// reductions, the escompte, the TVA per rate, the totals and the margin (nothing is computed
// here).
import type { FiguresOut } from "../../api/types";
import { euros, percent } from "../../labels/sales";

export function QuoteFigures({ figures: f, of = "du devis" }: { figures: FiguresOut; of?: string }) {
  return (
    <section aria-labelledby="quote-figures">
      <h2 id="quote-figures">Chiffres {of}</h2>
      <div className="scroll-x">
        <table className="table">
          <caption className="sr-only">Lignes {of}</caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Désignation</th>
              <th scope="col" className="num">
                Qté
              </th>
              <th scope="col" className="num">
                PU HT
              </th>
              <th scope="col" className="num">
                Brut HT
              </th>
              <th scope="col" className="num">
                Remises
              </th>
              <th scope="col" className="num">
                Net HT
              </th>
              <th scope="col" className="num">
                TVA
              </th>
              <th scope="col" className="num">
                Remise effective
              </th>
              <th scope="col" className="num">
                Taux de marque
              </th>
            </tr>
          </thead>
          <tbody>
            {f.lines.map((l) => (
              <tr key={l.position} className={l.limit?.over ? "over-limit" : undefined}>
                <td>{l.position}</td>
                <th scope="row">
                  {l.product_reference ? `${l.product_reference} — ` : ""}
                  {l.label}
                  {l.limit?.over && (
                    <span className="field-error">
                      {" "}
                      au-delà de {percent(l.limit.rate)} ({l.limit.source})
                    </span>
                  )}
                </th>
                <td className="num">{l.quantity}</td>
                <td className="num">{euros(l.unit_price_ht)}</td>
                <td className="num">{euros(l.gross_ht)}</td>
                <td className="num">{l.discounts.length ? l.discounts.map(percent).join(" puis ") : "—"}</td>
                <td className="num">{euros(l.net_ht)}</td>
                <td className="num">{percent(l.tva_rate)}</td>
                <td className="num">{percent(l.effective_discount)}</td>
                <td className="num">{l.margin ? percent(l.margin.markup_rate) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table className="table totals">
        <caption className="sr-only">Totaux {of}</caption>
        <tbody>
          <Row label="Total brut HT" value={euros(f.gross_ht)} />
          {f.lines_discount !== "0.00" && <Row label="Remises de ligne" value={`− ${euros(f.lines_discount)}`} />}
          <Row label="Total des lignes HT" value={euros(f.lines_net_ht)} />
          {f.reductions.map((r, i) => (
            <Row key={i} label={`${r.label}${r.rate ? ` ${percent(r.rate)}` : ""}`} value={`− ${euros(r.amount)}`} />
          ))}
          <Row label="Net commercial HT" value={euros(f.net_commercial_ht)} strong />
          <Row label={`Escompte ${percent(f.escompte_rate)}`} value={`− ${euros(f.escompte)}`} />
          <Row label="Net financier HT" value={euros(f.net_financial_ht)} />
          {f.tva.map((t) => (
            <Row key={t.rate} label={`TVA ${percent(t.rate)} sur ${euros(t.base_ht)}`} value={euros(t.tva)} />
          ))}
          <Row label="Total TTC" value={euros(f.total_ttc)} strong />
          {f.margin && (
            <>
              <Row label="Marge (sur le net commercial)" value={euros(f.margin.margin)} />
              <Row label="Taux de marge" value={percent(f.margin.margin_rate)} />
              <Row label="Taux de marque" value={percent(f.margin.markup_rate)} />
              <Row label="Coefficient multiplicateur (HT)" value={f.margin.coefficient_ht ?? "—"} />
            </>
          )}
          <Row label="Remise effective sur le brut" value={percent(f.effective_discount)} />
        </tbody>
      </table>
    </section>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <tr className={strong ? "strong" : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{value}</td>
    </tr>
  );
}
