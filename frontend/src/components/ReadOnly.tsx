// Somebody else's record (a trainer reading a trainee's prospect or tour): the page shows it
// whole and every card drops its forms and actions. The API would refuse those writes anyway
// (403); the client does not offer them.
import { createContext, useContext, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { useAuth } from "../auth/AuthContext";
import { Notice } from "./ui";

const ReadOnlyContext = createContext(false);

/** True inside a record that is not the signed-in user's. */
export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/** Whether the record owned by `ownerId` is the signed-in user's (unknown owner: yes). */
export function useIsMine(ownerId: number | null | undefined): boolean {
  const { me } = useAuth();
  return ownerId === null || ownerId === undefined || me?.id === ownerId;
}

export function ReadOnlyScope({ ownerId, children }: { ownerId: number | null | undefined; children: ReactNode }) {
  const mine = useIsMine(ownerId);
  return (
    <ReadOnlyContext.Provider value={!mine}>
      {!mine && ownerId != null && (
        <Notice>
          Lecture seule : cette fiche appartient à un stagiaire que vous suivez.{" "}
          <Link to={`/formation/stagiaires/${ownerId}`}>Retour à son portfolio</Link>
        </Notice>
      )}
      {children}
    </ReadOnlyContext.Provider>
  );
}
