// French labels of the administration pages.
import type { UserOut } from "../api/types";

export type Role = UserOut["role"];

export const ROLES: Record<Role, string> = {
  trainee: "Stagiaire",
  trainer: "Formateur",
  admin: "Administrateur",
  tutor: "Tuteur en entreprise",
};

/** Local checks before asking the server: required fields say so plainly. */
export function required(values: Record<string, string | null | undefined>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!value || !value.trim()) errors[field] = "Champ obligatoire";
  }
  return errors;
}
