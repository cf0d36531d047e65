// The editing of a form's lists (lines, questions, arguments, objections, next steps): one
// item's fields patched, one item removed, one appended — shared by the sales forms.
import type { Dispatch, SetStateAction } from "react";

type ListKey<D> = { [K in keyof D]: D[K] extends readonly unknown[] ? K : never }[keyof D];
type ItemOf<D, K extends keyof D> = D[K] extends readonly (infer T)[] ? T : never;

export function listEditors<D>(setValues: Dispatch<SetStateAction<D>>) {
  const update = <K extends ListKey<D>>(key: K, change: (items: ItemOf<D, K>[]) => ItemOf<D, K>[]) =>
    setValues((v) => ({ ...v, [key]: change(v[key] as unknown as ItemOf<D, K>[]) }));
  return {
    edit: <K extends ListKey<D>>(key: K, i: number, patch: Partial<ItemOf<D, K>>) =>
      update(key, (items) => items.map((x, j) => (j === i ? ({ ...(x as object), ...patch } as ItemOf<D, K>) : x))),
    remove: <K extends ListKey<D>>(key: K, i: number) => update(key, (items) => items.filter((_, j) => j !== i)),
    add: <K extends ListKey<D>>(key: K, item: ItemOf<D, K>) => update(key, (items) => [...items, item]),
  };
}
