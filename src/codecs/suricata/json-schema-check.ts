/**
 * A small JSON Schema checker covering the keywords Suricata's EVE schema uses (type,
 * properties, additionalProperties, required, items, minItems, $ref to #/$defs, enum,
 * const, minimum, minProperties, oneOf, pattern). Used to prove that test records conform
 * to the schema and to resolve field paths in it; not a general validator.
 */

export type JsonSchema = Record<string, unknown>;

export interface SchemaError {
  path: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

/** Follow `$ref: "#/$defs/x"` against the root schema. */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let cur = schema;
  for (let hops = 0; typeof cur.$ref === 'string' && hops < 16; hops++) {
    const ref = cur.$ref as string;
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = root.$defs as Record<string, JsonSchema> | undefined;
    if (!m || !defs || !defs[m[1]]) return cur;
    cur = defs[m[1]];
  }
  return cur;
}

export function checkSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = ''): SchemaError[] {
  const s = resolveRef(schema, root);
  const errors: SchemaError[] = [];
  const actual = typeOf(value);
  const types = s.type === undefined ? undefined : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  if (types && !types.some((t) => typeMatches(t, actual))) {
    return [{ path, message: `expected ${types.join('|')}, found ${actual}` }];
  }
  if (s.const !== undefined && value !== s.const) errors.push({ path, message: `expected const ${JSON.stringify(s.const)}` });
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push({ path, message: `not in enum` });
  if (typeof s.minimum === 'number' && typeof value === 'number' && value < s.minimum) errors.push({ path, message: `below minimum` });
  if (typeof s.pattern === 'string' && typeof value === 'string' && !new RegExp(s.pattern).test(value)) {
    errors.push({ path, message: `does not match ${s.pattern}` });
  }
  if (Array.isArray(s.oneOf)) {
    const matching = (s.oneOf as JsonSchema[]).filter((alt) => checkSchema(value, alt, root, path).length === 0).length;
    if (matching !== 1) errors.push({ path, message: `matches ${matching} of oneOf` });
  }
  if (actual === 'array') {
    const arr = value as unknown[];
    if (typeof s.minItems === 'number' && arr.length < s.minItems) errors.push({ path, message: `fewer than ${s.minItems} items` });
    if (s.items && typeof s.items === 'object') {
      arr.forEach((item, i) => errors.push(...checkSchema(item, s.items as JsonSchema, root, `${path}[${i}]`)));
    }
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    if (Array.isArray(s.required)) {
      for (const r of s.required as string[]) if (!(r in obj)) errors.push({ path, message: `missing required '${r}'` });
    }
    if (typeof s.minProperties === 'number' && Object.keys(obj).length < s.minProperties) {
      errors.push({ path, message: `fewer than ${s.minProperties} properties` });
    }
    for (const [k, v] of Object.entries(obj)) {
      const sub = props[k];
      const where = path ? `${path}.${k}` : k;
      if (sub) errors.push(...checkSchema(v, sub, root, where));
      else if (s.additionalProperties === false) errors.push({ path: where, message: 'property not allowed by the schema' });
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        errors.push(...checkSchema(v, s.additionalProperties as JsonSchema, root, where));
      }
    }
  }
  return errors;
}

/**
 * The schema of a dotted field path (`tls.ja3.hash`, `dns.queries.0.rrname`), or undefined
 * when the schema has no such field.
 */
export function schemaAt(root: JsonSchema, path: string): JsonSchema | undefined {
  let cur: JsonSchema | undefined = root;
  for (const seg of path.split('.')) {
    if (!cur) return undefined;
    cur = resolveRef(cur, root);
    if (/^\d+$/.test(seg)) {
      cur = cur.type === 'array' || cur.items ? (cur.items as JsonSchema | undefined) : undefined;
      continue;
    }
    const props = cur.properties as Record<string, JsonSchema> | undefined;
    cur = props?.[seg];
  }
  return cur ? resolveRef(cur, root) : undefined;
}
