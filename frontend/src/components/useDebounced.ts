import { useEffect, useState } from "react";

/** ``value`` once it has stopped changing for ``ms`` milliseconds (live checks and previews
 * ask the server a moment after the last keystroke, not at each one). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
