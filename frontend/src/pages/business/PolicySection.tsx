// The commercial policy of a business case: prices, discounts (default, per segment, per
// family), payment terms, escompte, delivery, the salesperson's authority, and what may be
// offered to whom (after-sales and loyalty rules).
import type { BusinessCaseDocument } from "../../api/types";
import { formatPct, formatPrice } from "../../labels/businessCases";

type Policy = BusinessCaseDocument["policy"];
type Rule = NonNullable<Policy["after_sales_rules"]>[number];

export function PolicySection(props: {
  policy: Policy;
  segmentLabel: (code: string) => string;
  familyLabel: (code: string) => string;
}) {
  const p = props.policy;
  const bySegment = Object.entries((p.max_discount_by_segment ?? {}) as Record<string, string>);
  const byFamily = Object.entries((p.max_discount_by_family ?? {}) as Record<string, string>);
  return (
    <section className="card" aria-labelledby="cas-politique">
      <h2 id="cas-politique">Politique commerciale</h2>
      <h3>Prix</h3>
      <p className="pre-wrap">{p.pricing_policy}</p>
      <h3>Remises</h3>
      <p>
        Remise maximale par défaut : <strong>{formatPct(p.max_discount)}</strong>. Quand un plafond par segment et un
        plafond par famille s'appliquent tous deux, le plus bas l'emporte.
      </p>
      <div className="grid-2">
        <Limits caption="Remise maximale par segment" rows={bySegment} name={props.segmentLabel} head="Segment" />
        <Limits caption="Remise maximale par famille" rows={byFamily} name={props.familyLabel} head="Famille" />
      </div>
      <h3>Conditions</h3>
      <dl className="details-grid">
        <dt>Conditions de paiement</dt>
        <dd>{p.payment_terms_days} jours</dd>
        <dt>Escompte pour paiement anticipé</dt>
        <dd>{formatPct(p.escompte_rate)}</dd>
        <dt>Livraison</dt>
        <dd className="pre-wrap">{p.delivery_terms}</dd>
      </dl>
      <h3>Délégation du commercial</h3>
      <dl className="details-grid">
        <dt>Remise accordée seul</dt>
        <dd>jusqu'à {formatPct(p.authority.max_discount)}</dd>
        <dt>Geste commercial</dt>
        <dd>jusqu'à {formatPrice(p.authority.max_commercial_gesture)}</dd>
        <dt>Avoir</dt>
        <dd>jusqu'à {formatPrice(p.authority.max_credit_note)}</dd>
      </dl>
      <p className="muted">
        Au-delà, et dans la limite de la politique, l'accord prévu par la procédure est nécessaire.
      </p>
      <Rules title="Service après-vente" rules={p.after_sales_rules ?? []} segmentLabel={props.segmentLabel} />
      <Rules title="Fidélisation" rules={p.loyalty_rules ?? []} segmentLabel={props.segmentLabel} />
    </section>
  );
}

function Limits(props: { caption: string; head: string; rows: [string, string][]; name: (code: string) => string }) {
  if (!props.rows.length) return <p>{props.caption} : aucune (le plafond par défaut s'applique).</p>;
  return (
    <table className="table compact">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col" className="num">
            Plafond
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(([code, pct]) => (
          <tr key={code}>
            <th scope="row">{props.name(code)}</th>
            <td className="num">{formatPct(pct)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rules(props: { title: string; rules: Rule[]; segmentLabel: (code: string) => string }) {
  return (
    <>
      <h3>{props.title}</h3>
      {props.rules.length === 0 ? (
        <p>Aucune règle.</p>
      ) : (
        <div className="scroll-x contained" tabIndex={0} role="region" aria-label={`Règles : ${props.title}`}>
          <table className="table compact wide-table">
            <caption className="sr-only">Règles : {props.title}</caption>
            <thead>
              <tr>
                <th scope="col">Règle</th>
                <th scope="col">Pour qui</th>
                <th scope="col">Ce qui peut être offert</th>
                <th scope="col" className="num">
                  Valeur maximale
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rules.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{r.who.map((w) => (w === "all" ? "Tous les clients" : props.segmentLabel(w))).join(", ")}</td>
                  <td>{r.offer}</td>
                  <td className="num">{formatPrice(r.max_value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
