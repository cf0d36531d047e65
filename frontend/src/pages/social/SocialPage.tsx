// The frame of every social-selling page: its title and competences, the area's
// sub-navigation and, for staff, the trainee they read (a picker; nothing is shown until one
// is chosen, and nothing they cannot write is offered).
import type { ReactNode } from "react";
import { NavLink, useSearchParams } from "react-router-dom";
import type { OperationId } from "../../api/competences";
import { useTraineeNames } from "../../components/Staff";
import { Notice, PageFrame } from "../../components/ui";
import { useScope, type Scope } from "./scope";
import "./social.css";

export function SocialNav() {
  const { search } = useScope();
  return (
    <nav className="tabs" aria-label="Réseaux sociaux">
      <NavLink to={`/reseaux${search}`} end>
        Tableau de bord
      </NavLink>
      <NavLink to={`/reseaux/profils${search}`}>Profils</NavLink>
      <NavLink to={`/reseaux/calendrier${search}`}>Calendrier éditorial</NavLink>
      <NavLink to={`/reseaux/confidentialite${search}`}>Confidentialité</NavLink>
    </nav>
  );
}

/** Staff choose the trainee whose work they read (kept in `?stagiaire=`). */
function TraineePicker({ scope }: { scope: Scope }) {
  const names = useTraineeNames();
  const [params, setParams] = useSearchParams();
  return (
    <div className="filters">
      <label>
        Stagiaire{" "}
        <select
          value={scope.traineeId ?? ""}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set("stagiaire", e.target.value);
            else next.delete("stagiaire");
            setParams(next);
          }}
        >
          <option value="">— Choisir un stagiaire —</option>
          {[...names].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function SocialPage(props: {
  title: string;
  /** The operations the page writes with, for a trainee (staff write nothing). */
  operations: readonly OperationId[];
  actions?: ReactNode;
  /** The page reads a record by its id, whoever's it is: staff need not name the trainee. */
  anyTrainee?: boolean;
  /** The page's content, once the trainee read is known. */
  children: (scope: Scope) => ReactNode;
}) {
  const scope = useScope();
  return (
    <PageFrame title={props.title} operations={scope.staff ? [] : props.operations} actions={props.actions}>
      <SocialNav />
      {scope.staff && !props.anyTrainee && <TraineePicker scope={scope} />}
      {scope.missing && !props.anyTrainee ? (
        <Notice>
          Choisissez le stagiaire dont vous lisez le travail sur les réseaux sociaux (lecture seule : les profils, les
          publications et les réglages sont les siens).
        </Notice>
      ) : (
        props.children(scope)
      )}
    </PageFrame>
  );
}
