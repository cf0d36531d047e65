// Market events as table rows: the simulated day, what it was about, what happened (French
// labels of the codes), the prospect, a detail (an objection's words, an order's number…) and
// a link to the record the market wrote (the exchange in the file, the appointment in the
// agenda, the order, the complaint, the invoice).
import { Link } from "react-router-dom";
import type { MarketEventOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { MARKET_EVENT_KINDS, MARKET_OUTCOMES, eventDetail, labelOf, recordLink } from "../../labels/exercises";
import { shortDay } from "./format";

export function EventsTable(props: {
  events: MarketEventOut[];
  caption: string;
  pager?: { offset: number; limit: number; total: number; onOffset: (offset: number) => void };
  withDay?: boolean;
}) {
  const withDay = props.withDay ?? true;
  return (
    <DataTable
      caption={props.caption}
      region={props.caption}
      headers={[withDay && "Jour", "Type", "Ce qui s'est passé", "Prospect", "Détail", "Dans le fichier"]}
      pager={props.pager}
    >
      {props.events.map((e) => {
        const link = recordLink(e.record, e.prospect_id);
        const who = e.prospect_name || (e.prospect_id !== null ? `Prospect n° ${e.prospect_id}` : "");
        return (
          <tr key={e.id}>
            {withDay && <td>{shortDay(e.day)}</td>}
            <td>{labelOf(MARKET_EVENT_KINDS, e.kind)}</td>
            <th scope="row">{labelOf(MARKET_OUTCOMES, e.outcome)}</th>
            <td>{e.prospect_id !== null ? <Link to={`/prospects/${e.prospect_id}`}>{who}</Link> : "—"}</td>
            <td>{eventDetail(e.kind, e.detail) ?? "—"}</td>
            <td>
              {link ? (
                <Link to={link.to}>
                  {link.label}
                  {who && <span className="sr-only"> ({who})</span>}
                </Link>
              ) : (
                "—"
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
