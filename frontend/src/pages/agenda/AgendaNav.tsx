import { NavLink } from "react-router-dom";

/** The agenda area's tabs: the week, the tasks, the calendar subscription. */
export function AgendaNav() {
  return (
    <nav className="tabs" aria-label="Agenda">
      <NavLink to="/agenda" end>
        Semaine
      </NavLink>
      <NavLink to="/agenda/taches">Tâches</NavLink>
      <NavLink to="/agenda/abonnement">Abonnement</NavLink>
    </nav>
  );
}
