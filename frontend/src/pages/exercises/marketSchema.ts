// The market's parameters as the server publishes them (GET /exercises/market-schema, the
// JSON Schema of MarketParameters): nested groups ($ref to $defs) of bounded numbers, each
// with its French description. The form is built from it, so a parameter added on the server
// appears here without a change of the client.

interface JsonSchema {
  type?: string;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  $defs?: Record<string, JsonSchema>;
}

export type MarketNode =
  | { kind: "group"; path: string; label: string; children: MarketNode[] }
  | {
      kind: "number";
      path: string;
      label: string;
      integer: boolean;
      minimum?: number;
      maximum?: number;
      default?: number;
    };

/** The groups and fields of the schema, in its order; a field's label is its description
 * (French), else its title. */
export function marketNodes(schema: Record<string, unknown>): MarketNode[] {
  const root = schema as JsonSchema;
  const defs = root.$defs ?? {};
  const resolve = (node: JsonSchema): JsonSchema => {
    const ref = node.$ref?.split("/").pop();
    return ref && defs[ref] ? { ...defs[ref], description: node.description ?? defs[ref].description } : node;
  };
  const walk = (properties: Record<string, JsonSchema>, prefix: string): MarketNode[] =>
    Object.entries(properties).flatMap(([key, raw]): MarketNode[] => {
      const node = resolve(raw);
      const path = prefix ? `${prefix}.${key}` : key;
      const label = node.description ?? node.title ?? key;
      if (node.properties) return [{ kind: "group", path, label, children: walk(node.properties, path) }];
      if (node.type === "number" || node.type === "integer") {
        return [
          {
            kind: "number",
            path,
            label,
            integer: node.type === "integer",
            minimum: node.minimum,
            maximum: node.maximum,
            default: typeof node.default === "number" ? node.default : undefined,
          },
        ];
      }
      return [];
    });
  return walk(root.properties ?? {}, "");
}

/** Every number field of the nodes, depth first. */
export function leavesOf(nodes: MarketNode[]): Extract<MarketNode, { kind: "number" }>[] {
  return nodes.flatMap((n) => (n.kind === "group" ? leavesOf(n.children) : [n]));
}

/** The form's values (path → text) from a market document. */
export function flatten(market: Record<string, unknown>, nodes: MarketNode[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const leaf of leavesOf(nodes)) {
    const value = leaf.path
      .split(".")
      .reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), market);
    out[leaf.path] = typeof value === "number" ? String(value) : leaf.default !== undefined ? String(leaf.default) : "";
  }
  return out;
}

/** The defaults of the schema (path → text). */
export function defaultsOf(nodes: MarketNode[]): Record<string, string> {
  return Object.fromEntries(leavesOf(nodes).map((l) => [l.path, l.default !== undefined ? String(l.default) : ""]));
}

/** The market document the PATCH sends: numbers where a number was typed (« 0,2 » too), an
 * empty field left out (the server's default), anything else as typed (the server names it). */
export function unflatten(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, text] of Object.entries(values)) {
    const typed = text.trim().replace(",", ".");
    if (typed === "") continue;
    const n = Number(typed);
    const keys = path.split(".");
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = Number.isFinite(n) ? n : text;
  }
  return out;
}

/** « De 0 à 1 · par défaut 0,28 ». */
export function boundsHint(leaf: Extract<MarketNode, { kind: "number" }>): string {
  const fr = (n: number) => n.toLocaleString("fr-FR");
  const parts = [];
  if (leaf.minimum !== undefined && leaf.maximum !== undefined)
    parts.push(`De ${fr(leaf.minimum)} à ${fr(leaf.maximum)}`);
  else if (leaf.minimum !== undefined) parts.push(`Au moins ${fr(leaf.minimum)}`);
  else if (leaf.maximum !== undefined) parts.push(`Au plus ${fr(leaf.maximum)}`);
  if (leaf.default !== undefined) parts.push(`par défaut ${fr(leaf.default)}`);
  return parts.join(" · ");
}
