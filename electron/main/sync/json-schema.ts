/**
 * A small JSON Schema (draft 2020-12) checker for the keywords the OpenLineage spec uses: $ref (local and by
 * $id), type, properties, required, additionalProperties, items, allOf, anyOf, oneOf, not, enum, const,
 * minimum and dependentRequired. `format` is an annotation, as draft 2020-12 says by default (and as the
 * reference Python validator treats it); Attest checks the one format it relies on, eventTime, itself.
 * No validator library that supports 2020-12 is available offline here; the spec's keyword set is small.
 */

type Schema = Record<string, unknown> | boolean;

/** Schemas known by their $id, so cross-file references resolve. */
export class SchemaRegistry {
  private readonly byId = new Map<string, Record<string, unknown>>();

  /** Register a schema document under its $id. */
  add(schema: unknown): void {
    const doc = schema as Record<string, unknown>;
    if (typeof doc.$id !== 'string') throw new Error('A registered schema needs an $id.');
    this.byId.set(doc.$id, doc);
  }

  /** The first problem of `value` against the schema at `ref` ("<$id>#/json/pointer"), or null when valid. */
  check(value: unknown, ref: string): string | null {
    return this.validate(value, { $ref: ref }, '', '');
  }

  private resolve(ref: string, base: string): { schema: Schema; base: string } {
    const [doc, pointer = ''] = ref.split('#');
    const docId = doc === '' || doc === undefined ? base : doc;
    const root = this.byId.get(docId);
    if (!root) throw new Error(`Unknown schema ${docId}`);
    let node: unknown = root;
    for (const part of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`);
    return { schema: node as Schema, base: docId };
  }

  private validate(value: unknown, schema: Schema, path: string, base: string): string | null {
    if (schema === true) return null;
    if (schema === false) return `${path || '(root)'}: not allowed`;
    if (typeof schema.$id === 'string') base = schema.$id;
    const at = path || '(root)';
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref, base);
      const problem = this.validate(value, target.schema, path, target.base);
      if (problem) return problem;
    }
    const typeProblem = checkType(value, schema, at);
    if (typeProblem) return typeProblem;
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${at}: must be one of ${schema.enum.join(', ')}`;
    if ('const' in schema && schema.const !== value) return `${at}: must be ${JSON.stringify(schema.const)}`;
    if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) return `${at}: must be >= ${schema.minimum}`;
    return this.combinators(value, schema, path, base) ?? this.structure(value, schema, path, base);
  }

  private combinators(value: unknown, schema: Record<string, unknown>, path: string, base: string): string | null {
    for (const sub of (schema.allOf as Schema[] | undefined) ?? []) {
      const problem = this.validate(value, sub, path, base);
      if (problem) return problem;
    }
    if (Array.isArray(schema.anyOf)) {
      const problems = (schema.anyOf as Schema[]).map((sub) => this.validate(value, sub, path, base));
      if (problems.every((p) => p !== null)) return problems[0] ?? null;
    }
    if (Array.isArray(schema.oneOf)) {
      const passing = (schema.oneOf as Schema[]).filter((sub) => this.validate(value, sub, path, base) === null).length;
      if (passing !== 1) return `${path || '(root)'}: must match exactly one alternative (matches ${passing})`;
    }
    if (schema.not !== undefined && this.validate(value, schema.not as Schema, path, base) === null) {
      return `${path || '(root)'}: has a field combination the spec forbids here`;
    }
    return null;
  }

  private structure(value: unknown, schema: Record<string, unknown>, path: string, base: string): string | null {
    if (Array.isArray(value) && schema.items !== undefined) {
      for (const [i, item] of value.entries()) {
        const problem = this.validate(item, schema.items as Schema, `${path}[${i}]`, base);
        if (problem) return problem;
      }
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const object = value as Record<string, unknown>;
    const join = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in object)) return `${join(key)}: is required`;
    for (const [key, needs] of Object.entries((schema.dependentRequired as Record<string, string[]> | undefined) ?? {})) {
      if (key in object) for (const other of needs) if (!(other in object)) return `${join(other)}: is required with ${key}`;
    }
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, child] of Object.entries(object)) {
      const sub = properties[key] ?? (schema.additionalProperties as Schema | undefined);
      if (sub === undefined) continue;
      const problem = this.validate(child, sub, join(key), base);
      if (problem) return problem;
    }
    return null;
  }
}

function checkType(value: unknown, schema: Record<string, unknown>, at: string): string | null {
  if (schema.type === undefined) return null;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const ok = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)) || (t === 'number' && actual === 'number'));
  return ok ? null : `${at}: must be ${types.join(' or ')}, not ${actual}`;
}
