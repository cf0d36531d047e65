// An offer's check against the loyalty policy, as the server answers it (POST /offers/check,
// nothing written): the verdict, the rule it falls under, the gross amount and the value of
// the discounts, the channel and its rule, and every finding (✓ holds, ✗ refuses).
import type { OfferCheckOut } from "../../api/types";
import { CHANNELS, RFM_SEGMENTS } from "../../labels/loyalty";
import { euros } from "../../labels/sales";
import { FindingsList } from "./Findings";
import { VERDICTS, verdictOf } from "./logic";

export function CheckResult({ check }: { check: OfferCheckOut }) {
  const verdict = verdictOf(check);
  return (
    <div>
      <p className={`verdict verdict-${verdict}`}>
        <span aria-hidden="true">{verdict === "refused" ? "✗ " : verdict === "approval" ? "⚠ " : "✓ "}</span>
        {VERDICTS[verdict]}
        {check.rule && ` : règle « ${check.rule} »`}
      </p>
      <dl className="facts followup-facts">
        <dt>Montant brut HT</dt>
        <dd>{euros(check.gross_ht)}</dd>
        <dt>Valeur des remises HT</dt>
        <dd>{euros(check.value_ht)}</dd>
        <dt>Segment RFM du client</dt>
        <dd>{check.rfm_segment ? RFM_SEGMENTS[check.rfm_segment] : "—"}</dd>
        <dt>Segments de marché</dt>
        <dd>{check.market_segments.join(", ") || "aucun"}</dd>
        <dt>Canal</dt>
        <dd>
          {check.channel ? CHANNELS[check.channel] : "aucun permis"}{" "}
          <small className="muted">({check.channel_rule})</small>
        </dd>
      </dl>
      <FindingsList findings={check.findings} label="Constats de la vérification" />
    </div>
  );
}
