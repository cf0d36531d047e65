// Whom a plan enrols, a survey asks, an event invites: customers ticked in the list (all of
// them, or the inactive accounts only), or every customer of an RFM segment. No <form>
// here: it is used inside the forms of those pages.
import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field, Options } from "../../components/ui";
import { RFM_SEGMENTS } from "../../labels/loyalty";
import { toggleId, type Target } from "./logic";
import { loyaltyQueries } from "./queries";

export function TargetPicker(props: {
  /** The group's name (« Clients à inscrire »). */
  legend: string;
  value: Target;
  onChange: (target: Target) => void;
  /** The server's messages about `prospect_ids` and `rfm_segment`. */
  errors?: Record<string, string>;
  /** Start with the inactive accounts only (a relaunch plan). */
  inactiveFirst?: boolean;
}) {
  const id = useId();
  const [inactiveOnly, setInactiveOnly] = useState(Boolean(props.inactiveFirst));
  const list = useQuery({
    ...loyaltyQueries.customers({ sort: "name", limit: 200, inactive: inactiveOnly ? true : undefined }),
  });
  const { value, onChange } = props;
  const errors = props.errors ?? {};
  return (
    <fieldset className="choice-group">
      <legend>{props.legend}</legend>
      <label>
        <input
          type="radio"
          name={`${id}-mode`}
          checked={value.mode === "customers"}
          onChange={() => onChange({ ...value, mode: "customers" })}
        />
        Clients choisis dans la liste
      </label>
      <label>
        <input
          type="radio"
          name={`${id}-mode`}
          checked={value.mode === "segment"}
          onChange={() => onChange({ ...value, mode: "segment" })}
        />
        Tout un segment RFM
      </label>
      {value.mode === "segment" ? (
        <Field label="Segment RFM" error={errors.rfm_segment}>
          {(p) => (
            <select
              {...p}
              value={value.segment}
              onChange={(e) => onChange({ ...value, segment: e.target.value as Target["segment"] })}
            >
              <option value="">Choisir un segment</option>
              <Options labels={RFM_SEGMENTS} />
            </select>
          )}
        </Field>
      ) : (
        <>
          <p>
            <label>
              <input type="checkbox" checked={inactiveOnly} onChange={(e) => setInactiveOnly(e.target.checked)} />
              Comptes inactifs seulement
            </label>
          </p>
          <QueryState
            query={list}
            busyLabel="Chargement des clients…"
            empty={<EmptyState title={inactiveOnly ? "Aucun compte inactif." : "Aucun client."} />}
          >
            {(data) => (
              <ul className="picker-list" aria-label={`${props.legend} : clients`}>
                {data.items.map((c) => (
                  <li key={c.prospect_id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={value.ids.includes(c.prospect_id)}
                        onChange={(e) =>
                          onChange({ ...value, ids: toggleId(value.ids, c.prospect_id, e.target.checked) })
                        }
                      />
                      {c.name} <small className="muted">({c.rfm.segment_label})</small>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
          <p className="hint" aria-live="polite">
            {value.ids.length === 0
              ? "Aucun client coché."
              : `${value.ids.length} client${value.ids.length > 1 ? "s" : ""} coché${value.ids.length > 1 ? "s" : ""}.`}
          </p>
          {errors.prospect_ids && <p className="field-error">{errors.prospect_ids}</p>}
        </>
      )}
    </fieldset>
  );
}
