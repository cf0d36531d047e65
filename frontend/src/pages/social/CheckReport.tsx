// A post's check, as the editor shows it live and the post shows its last one: the text and
// the media description with the places found marked, then the findings of its consistency
// with the charter and of its confidentiality.
import { FindingsList, MarkedText } from "./Findings";
import { splitPostFindings, type Finding } from "./findings";

export function CheckReport({ text, media, findings }: { text: string; media: string; findings: readonly Finding[] }) {
  const { consistency, confidentiality } = splitPostFindings(findings);
  return (
    <>
      <MarkedText text={text} findings={findings} field="text" label="Texte, les endroits signalés surlignés" />
      <MarkedText
        text={media}
        findings={findings}
        field="media_description"
        label="Description du visuel, les endroits signalés surlignés"
      />
      <div className="social-grid">
        <div>
          <h3>Cohérence avec la charte</h3>
          <FindingsList findings={consistency} label="Cohérence avec la charte" />
        </div>
        <div>
          <h3>Confidentialité</h3>
          <FindingsList findings={confidentiality} label="Confidentialité" />
        </div>
      </div>
    </>
  );
}
