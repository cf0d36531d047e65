// A form's values and their setter by field, the state every form of the client repeats. The
// server's field errors stay beside it: `fieldErrorsOf(mutation.error)` (or the prospect
// pages' `formErrors`), since the mutation is declared after the values it sends.
import { useCallback, useState } from "react";

export function useForm<T extends object>(initial: T | (() => T)) {
  const [values, setValues] = useState<T>(initial);
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  return { values, setValues, set };
}
