/**
 * JSON Schema as Bedrock's structured output (`outputConfig.textFormat`) compiles it. Bedrock
 * turns the schema into a grammar and takes only a subset of JSON Schema: Claude requires
 * `additionalProperties: false` on every object, and constraints the grammar cannot enforce
 * (lengths, ranges, patterns, formats, item counts) are refused. As the peers do (Vercel AI SDK,
 * LiteLLM, Anthropic's own SDK), those keywords move into the schema's `description` so the model
 * still reads them, `oneOf` becomes `anyOf`, and every object gets `additionalProperties: false`.
 */
/** What the conversion changed, for the caller's `warnings`. */
export interface OutputSchemaResult {
    schema: Record<string, unknown>;
    /** Keywords moved into descriptions, and objects closed, as `path: keyword` entries. */
    moved: string[];
}
/** A `response_format.json_schema.schema` as Bedrock's structured output takes it. */
export declare function toOutputSchema(schema: Record<string, unknown>): OutputSchemaResult;
