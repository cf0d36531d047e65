// The messages CapVente would have sent (plan steps, campaigns, invitations, surveys): each
// recorded with the rule that allows it, or refused — « Refusé : » the channel policy's
// rule and its French detail, never sent.
import type { MessageOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { EmptyState, formatDate } from "../../components/ui";
import { CHANNELS } from "../../labels/loyalty";

export function MessageStatus({ message: m }: { message: Pick<MessageOut, "status" | "rule" | "rule_detail"> }) {
  if (m.status === "refused")
    return (
      <p className="message-refused">
        Refusé : {m.rule} — <span>{m.rule_detail}</span>
      </p>
    );
  return (
    <p>
      <span className="status status-ok">Enregistré</span> <small className="muted">({m.rule})</small>
    </p>
  );
}

export function MessagesTable(props: {
  messages: readonly MessageOut[];
  caption: string;
  /** Plans: the step of each message (1 for the first). */
  withStep?: boolean;
  empty?: string;
}) {
  if (props.messages.length === 0) return <EmptyState title={props.empty ?? "Aucun message."} />;
  return (
    <DataTable
      caption={props.caption}
      className="table wide-table"
      wrapperClassName="scroll-x contained"
      headers={["Client", props.withStep ? "Étape" : false, "Canal", "Date", "Statut", "Message"]}
    >
      {props.messages.map((m) => (
        <tr key={m.id} className={m.status === "refused" ? "row-refused" : undefined}>
          <th scope="row">{m.prospect_name}</th>
          {props.withStep && <td>{m.step + 1}</td>}
          <td>{CHANNELS[m.channel]}</td>
          <td className="nowrap">{formatDate(m.sent_on)}</td>
          <td>
            <MessageStatus message={m} />
          </td>
          <td>
            <details>
              <summary>{m.subject || "Lire le message"}</summary>
              <div className="letter">{m.body}</div>
            </details>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
