// The code every form of the client repeats: its values, their setter by field, and the
// submit handler that stops the browser's navigation before sending the values. The
// server's field errors come from the mutation that sends them (`fieldErrorsOf(save.error)`
// from api/problem, shown by <Field>), since the mutation is declared after the values.
//
//   const { values, set, submitWith } = useForm(() => draftOf(record));
//   const save = useMutation(...);
//   const errors = fieldErrorsOf(save.error);
//   <form noValidate onSubmit={submitWith((v) => save.mutate(payloadOf(v)))}>
import { useCallback, useState, type FormEvent } from "react";

export function useForm<T extends object>(initial: T | (() => T)) {
  const [values, setValues] = useState<T>(initial);
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => setValues((v) => ({ ...v, [key]: value })), []);
  /** The form's onSubmit: no navigation, then `send` with the current values. */
  const submitWith = (send: (values: T) => void) => (event: FormEvent) => {
    event.preventDefault();
    send(values);
  };
  return { values, setValues, set, submitWith };
}
