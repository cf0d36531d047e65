// One objective's progress: a bar (share of the target), the figures in words and the status
// label — the colour repeats what the words say, never alone.
import type { ObjectiveProgress } from "../../api/types";
import { formatDecimal } from "../../labels/businessCases";
import { PROGRESS_CLASS, PROGRESS_STATUSES } from "../../labels/plans";
import { withUnit } from "./tree";

export function progressText(p: ObjectiveProgress): string {
  if (p.status === "qualitative") return p.note ? `Critère : ${p.note}` : "Jugé par le formateur.";
  if (p.actual === null) return p.note || "Pas de mesure.";
  const share = p.share === null ? "" : ` (${formatDecimal(p.share, 1)} %)`;
  return `${withUnit(p.actual, p.unit)} sur ${withUnit(p.target, p.unit)}${share}`;
}

export function ProgressBar({ progress: p, name }: { progress: ObjectiveProgress; name: string }) {
  const share = p.share === null ? null : Math.max(0, Math.min(100, Number(p.share)));
  return (
    <div className={`progress-line progress-${p.status}`}>
      {share !== null && (
        <progress max={100} value={share} aria-label={`Avancement de ${name}`}>
          {formatDecimal(share, 0)} %
        </progress>
      )}
      <span className="progress-figures">{progressText(p)}</span>{" "}
      <span className={`status ${PROGRESS_CLASS[p.status]}`}>{PROGRESS_STATUSES[p.status]}</span>
    </div>
  );
}
