// fast-check inputs for the property tests, from the contract's own zod schemas (via their JSON
// Schema): mostly the right shape, with the ids the test data really has mixed in so handlers get
// past validation and reach their own checks; then mutated (a value replaced by anything, a key
// dropped or added) so the edges of every schema are hit too.
import fc from 'fast-check';

// A JSON Schema as zod's toJSONSchema prints it (the parts used here).
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** An arbitrary for values of `schema`; strings come from `words` (real ids, names) half the time. */
export function schemaArbitrary(
  schema: JsonSchema,
  words: readonly string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  const next = (s: JsonSchema) => schemaArbitrary(s, words, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map(next));
  if (schema.allOf?.length) return next(schema.allOf[0]!);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => next({ ...schema, type })));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1000;
      const max = schema.maximum ?? schema.exclusiveMaximum ?? Math.max(min, 0) + 100_000;
      const lo = Math.max(min, -1e9);
      const hi = Math.min(max, 1e9);
      return types[0] === 'integer'
        ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
        : fc.double({ min: lo, max: hi, noNaN: true });
    }
    case 'string':
      return stringArbitrary(schema, words);
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map(next));
      const item = schema.items ? next(schema.items) : fc.jsonValue();
      return fc.array(item, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, next(s)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema, words: readonly string[]): fc.Arbitrary<string> {
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.constant('maria@cliente.example'));
  const options: fc.Arbitrary<string>[] = [];
  if (schema.pattern) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)));
    } catch {
      // A pattern fast-check cannot build from: plain strings only.
    }
  }
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  options.push(fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength }));
  options.push(fc.constantFrom(...words));
  options.push(isoDate);
  return fc.oneof(...options);
}

type Json = unknown;

/** One change somewhere in a JSON value: a value replaced by anything, a key dropped or added. */
function mutateOnce(value: Json, pick: number, replacement: Json, key: string): Json {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  const path = paths[pick % paths.length]!;
  const copy = structuredClone(value) as Json;
  if (path.length === 0) return pick % 2 ? replacement : copy;
  let parent = copy as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  const mode = pick % 3;
  if (mode === 0) parent[last] = replacement;
  else if (mode === 1 && !Array.isArray(parent)) delete parent[last];
  else if (!Array.isArray(parent)) parent[key] = replacement;
  else parent[last] = replacement;
  return copy;
}

/** `base` with one to three changes. */
export function mutated(base: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const change = fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 12 }));
  return fc
    .tuple(base, fc.array(change, { minLength: 1, maxLength: 3 }))
    .map(([value, changes]) => changes.reduce((v, [pick, r, k]) => mutateOnce(v, pick, r, k), value));
}
