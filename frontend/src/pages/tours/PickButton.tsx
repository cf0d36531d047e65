// The button that picks a row (a prospect, an appointment, a suggestion): one button whatever
// its state. Once picked, or when it cannot be, it is aria-disabled, still focusable, so the
// keyboard focus stays on its row instead of falling to the page (issue 13).
export function PickButton({
  unavailable,
  onPick,
  label,
}: {
  unavailable: boolean;
  onPick: () => void;
  label: string;
}) {
  return (
    <button
      type="button"
      aria-disabled={unavailable || undefined}
      onClick={() => {
        if (!unavailable) onPick();
      }}
    >
      {label}
    </button>
  );
}
