// A plan's objectives as a tree (pure functions): objectives in reading order with their
// depth, the slices of a parent along each dimension, and whether they add up to its target.
import type { MetricOut, ObjectiveOut } from "../../api/types";
import { formatDecimal } from "../../labels/businessCases";

export const MAX_DEPTH = 3;

/** Objectives in reading order: each one followed by its sub-objectives, with its depth (0: root). */
export function treeOf(objectives: ObjectiveOut[]): { objective: ObjectiveOut; depth: number }[] {
  const children = new Map<number | null, ObjectiveOut[]>();
  for (const o of [...objectives].sort((a, b) => a.position - b.position || a.id - b.id)) {
    const list = children.get(o.parent_id) ?? [];
    list.push(o);
    children.set(o.parent_id, list);
  }
  const out: { objective: ObjectiveOut; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const o of children.get(parent) ?? []) {
      out.push({ objective: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The objective and its descendants, in reading order. */
export function subtreeOf(objectives: ObjectiveOut[], rootId: number) {
  const tree = treeOf(objectives);
  const start = tree.findIndex((t) => t.objective.id === rootId);
  if (start < 0) return [];
  const depth = tree[start].depth;
  const end = tree.findIndex((t, i) => i > start && t.depth <= depth);
  return tree.slice(start, end < 0 ? undefined : end);
}

export interface SliceGroup {
  parent: ObjectiveOut;
  dimension: NonNullable<ObjectiveOut["dimension"]>;
  slices: ObjectiveOut[];
  sum: number;
  target: number | null;
  /** Whether the slices must add up to the target (an additive metric with a target). */
  checked: boolean;
  balanced: boolean;
}

const cents = (v: string | number | null | undefined) => Math.round(Number(v ?? 0) * 100);

/** The slices of each parent of a subtree, one group per (parent, dimension). */
export function groupsOf(subtree: ObjectiveOut[], metrics: Map<string, MetricOut>): SliceGroup[] {
  const groups: SliceGroup[] = [];
  for (const parent of subtree) {
    const children = subtree.filter((o) => o.parent_id === parent.id && o.dimension);
    const dimensions = [...new Set(children.map((o) => o.dimension!))];
    for (const dimension of dimensions) {
      const slices = children.filter((o) => o.dimension === dimension);
      const sum = slices.reduce((total, o) => total + cents(o.target), 0) / 100;
      const metric = parent.metric_code ? metrics.get(parent.metric_code) : undefined;
      const checked = parent.target !== null && metric?.kind !== "ratio";
      groups.push({
        parent,
        dimension,
        slices,
        sum,
        target: parent.target === null ? null : Number(parent.target),
        checked,
        balanced: !checked || cents(sum) === cents(parent.target),
      });
    }
  }
  return groups;
}

/** A value with its metric's unit: « 30 », « 120 km », « 12,5 % ». */
export function withUnit(value: string | number | null | undefined, unit: string | null | undefined): string {
  const text = formatDecimal(value);
  if (text === "—" || !unit || unit === "nombre") return text;
  return `${text} ${unit.replace("CO2", "CO₂")}`;
}
