// A progress bar: a percentage when it is known, an indeterminate bar otherwise.
export function Progress({ label, value, text }: { label: string; value: number | null; text?: string }) {
  const known = value !== null;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? 100 : undefined}
        aria-valuenow={known ? value : undefined}
        aria-valuetext={known ? `${value} %` : (text ?? "en cours")}
      >
        <div
          className={known ? "progress-fill" : "progress-fill indeterminate"}
          style={known ? { width: `${value}%` } : undefined}
        />
      </div>
      <span aria-hidden="true">{known ? `${value} %` : (text ?? "en cours")}</span>
    </div>
  );
}
