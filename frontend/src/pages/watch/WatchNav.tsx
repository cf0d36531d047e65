import { NavLink } from "react-router-dom";

export function WatchNav() {
  return (
    <nav className="tabs" aria-label="Veille">
      <NavLink to="/veille" end>
        Articles
      </NavLink>
      <NavLink to="/veille/sources">Sources</NavLink>
      <NavLink to="/veille/synthese">Synthèse</NavLink>
      <NavLink to="/veille/partage">Veille partagée</NavLink>
      <NavLink to="/concurrents">Concurrents</NavLink>
    </nav>
  );
}
