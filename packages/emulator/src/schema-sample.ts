type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolves a local `$ref` (`#/$defs/x`, `#/definitions/x`) against the root schema. */
function resolve(schema: Json, root: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part] : undefined;
  return isObject(node) ? node : {};
}

function sampleString(schema: Json, name: string, hint: string): string {
  switch (schema.format) {
    case 'date-time':
      return '2026-01-01T00:00:00Z';
    case 'date':
      return '2026-01-01';
    case 'email':
      return 'user@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    default:
      break;
  }
  let text =
    /query|question|prompt|text|input|search|q$/i.test(name) && hint ? hint : name || 'example';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  while (text.length < min) text += 'x';
  return text.slice(0, max);
}

function sampleNumber(schema: Json, integer: boolean): number {
  const min =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : undefined;
  const max =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
        : undefined;
  let value = min ?? (max !== undefined ? Math.min(1, max) : 1);
  if (integer) value = Math.ceil(value);
  return value;
}

/**
 * A value satisfying `schema` (the JSON Schema subset tools and structured output use: types,
 * `enum`, `const`, required and optional properties, nested objects and arrays with `minItems`,
 * string lengths and formats, numeric bounds, `anyOf`/`oneOf`/`allOf`, local `$ref`s, nullable
 * type lists). Deterministic; string members named like a query take `hint` (the user's words).
 */
export function sampleFromSchema(
  schema: unknown,
  hint = '',
  name = '',
  root?: Json,
  depth = 0,
): unknown {
  if (!isObject(schema) || depth > 12) return {};
  const top = root ?? schema;
  const s = resolve(schema, top);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const merged: Json = {};
    for (const part of s.allOf) {
      const value = sampleFromSchema(part, hint, name, top, depth + 1);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const options = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (options) {
    const first = options.find((o) => !(isObject(o) && o.type === 'null')) ?? options[0];
    return sampleFromSchema(first, hint, name, top, depth + 1);
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const type = types.find((t) => t !== 'null') ?? (isObject(s.properties) ? 'object' : types[0]);
  switch (type) {
    case 'string':
      return sampleString(s, name, hint);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      const limited = typeof s.maxItems === 'number' ? Math.min(count, s.maxItems) : count;
      return Array.from({ length: limited }, () =>
        sampleFromSchema(s.items ?? {}, hint, name, top, depth + 1),
      );
    }
    default: {
      const out: Json = {};
      const props = isObject(s.properties) ? s.properties : {};
      for (const [key, prop] of Object.entries(props)) {
        out[key] = sampleFromSchema(prop, hint, key, top, depth + 1);
      }
      for (const key of Array.isArray(s.required) ? s.required.map(String) : []) {
        if (!(key in out)) out[key] = 'example';
      }
      return out;
    }
  }
}
