// A record's status in words, coloured by what it means (done, waiting, late or refused).
export function StatusBadge<V extends string>(props: {
  value: V;
  labels: Record<V, string>;
  classes?: Partial<Record<V, string>>;
}) {
  return <span className={`status ${props.classes?.[props.value] ?? ""}`.trim()}>{props.labels[props.value]}</span>;
}

/** Days late, marked when there are any (« 3 jours de retard »); nothing when on time. */
export function LateBadge({ days, what = "de retard" }: { days: number; what?: string }) {
  if (days <= 0) return null;
  return (
    <span className="status status-error">
      {days} jour{days > 1 ? "s" : ""} {what}
    </span>
  );
}
