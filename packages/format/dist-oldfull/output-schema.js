/**
 * JSON Schema as Bedrock's structured output (`outputConfig.textFormat`) compiles it. Bedrock
 * turns the schema into a grammar and takes only a subset of JSON Schema: Claude requires
 * `additionalProperties: false` on every object, and constraints the grammar cannot enforce
 * (lengths, ranges, patterns, formats, item counts) are refused. As the peers do (Vercel AI SDK,
 * LiteLLM, Anthropic's own SDK), those keywords move into the schema's `description` so the model
 * still reads them, `oneOf` becomes `anyOf`, and every object gets `additionalProperties: false`.
 */
/** Keywords the grammar cannot enforce: kept as text in the description. */
const MOVED_KEYWORDS = [
    'minLength',
    'maxLength',
    'pattern',
    'format',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'multipleOf',
    'maxItems',
    'uniqueItems',
    'minProperties',
    'maxProperties',
    'minContains',
    'maxContains',
    'contains',
    'patternProperties',
    'propertyNames',
    'not',
    'if',
    'then',
    'else',
    'dependentRequired',
    'dependentSchemas',
];
/** Keywords whose value is one schema to convert. */
const SCHEMA_KEYWORDS = ['items', 'additionalItems'];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'allOf', 'prefixItems'];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'definitions'];
function isSchema(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isObjectSchema(schema) {
    const type = schema.type;
    return (type === 'object' ||
        (Array.isArray(type) && type.includes('object')) ||
        (type === undefined && isSchema(schema.properties)));
}
function convert(schema, path, moved) {
    const out = {};
    const notes = [];
    for (const [key, value] of Object.entries(schema)) {
        if (MOVED_KEYWORDS.includes(key)) {
            notes.push(`${key}: ${JSON.stringify(value)}`);
            moved.push(`${path}: ${key}`);
        }
        else if (key === 'minItems') {
            // Claude's grammar takes minItems 0 and 1 only.
            if (value === 0 || value === 1)
                out[key] = value;
            else {
                notes.push(`minItems: ${JSON.stringify(value)}`);
                moved.push(`${path}: minItems`);
            }
        }
        else if (key === 'oneOf' && Array.isArray(value)) {
            out.anyOf = value.map((s, i) => (isSchema(s) ? convert(s, `${path}.oneOf[${i}]`, moved) : s));
        }
        else if (SCHEMA_KEYWORDS.includes(key) && isSchema(value)) {
            out[key] = convert(value, `${path}.${key}`, moved);
        }
        else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
            out[key] = value.map((s, i) => (isSchema(s) ? convert(s, `${path}.${key}[${i}]`, moved) : s));
        }
        else if (SCHEMA_MAP_KEYWORDS.includes(key) && isSchema(value)) {
            const map = {};
            for (const [name, s] of Object.entries(value))
                map[name] = isSchema(s) ? convert(s, `${path}.${key}.${name}`, moved) : s;
            out[key] = map;
        }
        else if (key === 'additionalProperties') {
            if (value !== false) {
                notes.push(`additionalProperties: ${JSON.stringify(value)}`);
                moved.push(`${path}: additionalProperties`);
            }
        }
        else
            out[key] = value;
    }
    if (isObjectSchema(out))
        out.additionalProperties = false;
    if (notes.length > 0) {
        const text = `Constraints: ${notes.join(', ')}.`;
        out.description =
            typeof out.description === 'string' && out.description !== ''
                ? `${out.description} ${text}`
                : text;
    }
    return out;
}
/** A `response_format.json_schema.schema` as Bedrock's structured output takes it. */
export function toOutputSchema(schema) {
    const moved = [];
    return { schema: convert(schema, 'schema', moved), moved };
}
