import { NavLink } from "react-router-dom";

/** The follow-up area's tabs: orders (and their deliveries), invoices, complaints, cases. */
export function FollowUpNav() {
  return (
    <nav className="tabs" aria-label="Suivi des ventes">
      <NavLink to="/commandes">Commandes</NavLink>
      <NavLink to="/factures">Factures</NavLink>
      <NavLink to="/reclamations">Réclamations</NavLink>
      <NavLink to="/dossiers">Dossiers</NavLink>
    </nav>
  );
}
