import { API_OPERATIONS, openApiDocument, operationId, scopeText } from "./openapi";

/**
 * The API reference page's content (Settings → API → Reference), read from the generated OpenAPI
 * document itself, so the page shows exactly what /api/v1/openapi.json says: per operation its
 * scope, parameters, body fields, success shape and errors.
 */

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  access: string;
  idempotent: boolean;
  params: (ReferenceField & { in: string })[];
  body: ReferenceField[];
  success: { status: string; description: string; shape: string };
  errors: { status: string; description: string }[];
}

export interface ReferenceSection {
  tag: string;
  operations: ReferenceOperation[];
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
};

const refName = (ref: string) => ref.split("/").pop() ?? ref;

/** A short, readable type: "string", "integer | null", "one of SCHEDULED, …", "Interview[]". */
export function typeLabel(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map(String).join(", ")}`;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeLabel).join(" | ");
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return types.map((t) => (t === "array" ? `${typeLabel(s.items)}[]` : t)).join(" | ") || "any";
}

function resolve(s: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  return s?.$ref ? components[refName(s.$ref)] : s;
}

function fieldsOf(s: Schema | undefined, components: Record<string, Schema>): ReferenceField[] {
  const object = resolve(s, components);
  return Object.entries(object?.properties ?? {}).map(([name, p]) => ({
    name,
    type: typeLabel(p),
    required: object?.required?.includes(name) ?? false,
    description: p.description ?? "",
  }));
}

export function apiReference(): { title: string; description: string; sections: ReferenceSection[] } {
  const doc = openApiDocument() as unknown as {
    info: { title: string; description?: string };
    paths: Record<string, Record<string, OperationObject>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const components = doc.components?.schemas ?? {};
  const sections = new Map<string, ReferenceOperation[]>();
  for (const op of API_OPERATIONS) {
    const o = doc.paths[op.path]![op.method]!;
    const [successStatus, success] = Object.entries(o.responses).find(([status]) => status.startsWith("2"))!;
    const successSchema = success.content?.["application/json"]?.schema;
    const entry: ReferenceOperation = {
      id: operationId(op),
      method: op.method.toUpperCase(),
      path: op.path,
      summary: op.summary,
      description: op.description ?? "",
      access: scopeText(op.scope),
      idempotent: op.idempotent ?? false,
      params: (o.parameters ?? []).map((p) => ({ name: p.name, in: p.in, type: typeLabel(p.schema), required: p.required ?? false, description: p.description ?? p.schema?.description ?? "" })),
      body: fieldsOf(o.requestBody?.content["application/json"]?.schema, components),
      success: { status: successStatus, description: success.description, shape: typeLabel(successSchema) },
      errors: Object.entries(o.responses)
        .filter(([status]) => !status.startsWith("2"))
        .map(([status, r]) => ({ status, description: r.description })),
    };
    sections.set(op.tag, [...(sections.get(op.tag) ?? []), entry]);
  }
  return {
    title: doc.info.title,
    description: doc.info.description ?? "",
    sections: [...sections].map(([tag, operations]) => ({ tag, operations })),
  };
}

interface OperationObject {
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
}
