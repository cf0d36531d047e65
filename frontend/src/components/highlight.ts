// A text cut at the places a checker's findings point to, so that each place can be shown
// in a <mark> with its message (the editor's highlighted preview).

export type Place = { start?: number | null; end?: number | null; message: string; severity: string };
export type Segment = { text: string; marks: Place[] };

/** The text in segments: the plain runs and the marked ones (a run inside several places
 * carries each of them). Places out of the text's bounds or empty are left out. */
export function segments(text: string, places: Place[]): Segment[] {
  const placed = places.filter(
    (p) => p.start != null && p.end != null && p.start >= 0 && p.end <= text.length && p.start < p.end,
  );
  const cuts = new Set<number>([0, text.length]);
  for (const p of placed) {
    cuts.add(p.start as number);
    cuts.add(p.end as number);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const from = sorted[i];
    const to = sorted[i + 1];
    const marks = placed.filter((p) => (p.start as number) <= from && (p.end as number) >= to);
    const last = out[out.length - 1];
    if (last && marks.length === 0 && last.marks.length === 0) last.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), marks });
  }
  return out;
}
