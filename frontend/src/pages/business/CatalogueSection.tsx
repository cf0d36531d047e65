// A business case's catalogue: its families, a table of the products and services (price
// HT, TVA, cost, margin), then each one's details: CAP arguments, sales supports,
// availability, eco information.
import type { BusinessCaseDocument } from "../../api/types";
import {
  PRODUCT_KINDS,
  SUPPORT_KINDS,
  formatDecimal,
  formatPct,
  formatPrice,
  margin,
} from "../../labels/businessCases";

type Catalogue = BusinessCaseDocument["catalogue"];
type Product = Catalogue["products"][number];

export function CatalogueSection({ catalogue }: { catalogue: Catalogue }) {
  const familyLabel = (code: string) => catalogue.families.find((f) => f.code === code)?.label ?? code;
  return (
    <section className="card" aria-labelledby="cas-catalogue">
      <h2 id="cas-catalogue">Catalogue</h2>
      <p>
        {catalogue.products.length} référence(s) en {catalogue.families.length} famille(s) :{" "}
        {catalogue.families.map((f) => f.label).join(", ")}.
      </p>
      <div className="scroll-x contained" tabIndex={0} role="region" aria-label="Tableau du catalogue">
        <table className="table wide-table">
          <caption className="sr-only">Produits et services du catalogue</caption>
          <thead>
            <tr>
              <th scope="col">Produit ou service</th>
              <th scope="col">Famille</th>
              <th scope="col">Unité</th>
              <th scope="col" className="num">
                Prix HT
              </th>
              <th scope="col" className="num">
                TVA
              </th>
              <th scope="col" className="num">
                Coût HT
              </th>
              <th scope="col" className="num">
                Marge
              </th>
            </tr>
          </thead>
          <tbody>
            {catalogue.products.map((p) => {
              const m = margin(p.price_ht, p.cost_ht);
              return (
                <tr key={p.reference}>
                  <th scope="row">
                    {p.label}
                    <br />
                    <small className="muted">
                      {PRODUCT_KINDS[p.kind]} · réf. {p.reference}
                    </small>
                  </th>
                  <td>{familyLabel(p.family)}</td>
                  <td>{p.unit}</td>
                  <td className="num">{formatPrice(p.price_ht)}</td>
                  <td className="num">{formatPct(p.tva_rate)}</td>
                  <td className="num">{formatPrice(p.cost_ht)}</td>
                  <td className={`num${m.amount < 0 ? " negative" : ""}`}>
                    {formatPrice(m.amount)}
                    <br />
                    <small>({formatDecimal(m.rate, 1)} % du prix)</small>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>Fiches produits</h3>
      {catalogue.products.map((p) => (
        <ProductDetails key={p.reference} product={p} />
      ))}
    </section>
  );
}

function availability(p: Product): string {
  const parts: string[] = [];
  if (p.stock !== null && p.stock !== undefined) parts.push(`${p.stock} en stock`);
  if (p.lead_time_days !== null && p.lead_time_days !== undefined)
    parts.push(`délai de ${p.lead_time_days} jour${p.lead_time_days > 1 ? "s" : ""}`);
  return parts.join(", ") || "—";
}

function ProductDetails({ product: p }: { product: Product }) {
  const eco = p.eco;
  return (
    <details className="product">
      <summary>
        {p.label} <span className="muted">(réf. {p.reference})</span>
      </summary>
      {p.description && <p className="pre-wrap">{p.description}</p>}
      <dl className="details-grid">
        <dt>Disponibilité</dt>
        <dd>{availability(p)}</dd>
        {eco && (
          <>
            <dt>Indice de réparabilité</dt>
            <dd>{eco.repairability_index ? `${formatDecimal(eco.repairability_index, 1)} / 10` : "—"}</dd>
            <dt>Pièces détachées</dt>
            <dd>
              {eco.spare_parts_years !== null && eco.spare_parts_years !== undefined
                ? `disponibles ${eco.spare_parts_years} an(s)`
                : "—"}
            </dd>
            <dt>Fin de vie</dt>
            <dd>{eco.end_of_life || "—"}</dd>
            <dt>Reprise</dt>
            <dd>{eco.take_back ? "Reprise de l'ancien équipement" : "Pas de reprise"}</dd>
          </>
        )}
      </dl>
      <h4>Arguments CAP</h4>
      {p.arguments?.length ? (
        <div className="scroll-x contained" tabIndex={0} role="region" aria-label={`Arguments CAP de ${p.label}`}>
          <table className="table compact wide-table">
            <caption className="sr-only">Arguments CAP de {p.label}</caption>
            <thead>
              <tr>
                <th scope="col">Caractéristique</th>
                <th scope="col">Avantage</th>
                <th scope="col">Preuve</th>
              </tr>
            </thead>
            <tbody>
              {p.arguments.map((a) => (
                <tr key={a.feature}>
                  <th scope="row">{a.feature}</th>
                  <td>{a.advantage}</td>
                  <td>{a.proof}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucun argument.</p>
      )}
      <h4>Supports de vente</h4>
      {p.supports?.length ? (
        <ul>
          {p.supports.map((s) => (
            <li key={s.label}>
              {SUPPORT_KINDS[s.kind]} :{" "}
              {s.url ? (
                <a href={s.url} target="_blank" rel="noreferrer">
                  {s.label}
                </a>
              ) : (
                s.label
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun support.</p>
      )}
    </details>
  );
}
