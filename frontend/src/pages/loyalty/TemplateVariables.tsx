import { TEMPLATE_VARIABLES } from "../../labels/loyalty";

/** The variables a message template may use, each with what it becomes. */
export function TemplateVariables({ id }: { id?: string }) {
  return (
    <p className="variables" id={id}>
      Variables permises dans l'objet et le message :{" "}
      {TEMPLATE_VARIABLES.map((v, i) => (
        <span key={v.name}>
          {i > 0 && ", "}
          <code>{`{{ ${v.name} }}`}</code> ({v.meaning})
        </span>
      ))}
      .
    </p>
  );
}
