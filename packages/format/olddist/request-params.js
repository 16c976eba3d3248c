import { objectSchema, toolInputSchema } from './convert-tools.js';
import { invalidRequest } from './invalid-request.js';
import { OPENAI_SAMPLING_FIELD } from './model-rules.js';
import { toOutputSchema } from './output-schema.js';
import { maxTokensParam, withinOutputLimit } from './output-token-limit.js';
import { adjustedParam, unsupportedParam } from './param-policy.js';
/** Name of the forced tool used for `response_format` when `structuredOutput: 'tool'`. */
export const STRUCTURED_OUTPUT_TOOL = 'structured_output';
const METADATA_TEXT = /^[a-zA-Z0-9\s:_@$#=/+,\-.]*$/;
const drop = unsupportedParam;
/** Fields with no Bedrock meaning: an error naming the field, or dropped when allowed. */
export function checkUnsupportedFields(request, ctx) {
    const r = request;
    if (typeof r.n === 'number' && r.n !== 1)
        drop(ctx, 'n', `n = ${r.n}: Converse returns exactly one choice a call.`);
    if (r.logprobs === true)
        drop(ctx, 'logprobs', 'logprobs: Bedrock returns no log probabilities.');
    if (typeof r.top_logprobs === 'number')
        drop(ctx, 'top_logprobs', 'top_logprobs: Bedrock returns no log probabilities.');
    if (r.logit_bias && Object.keys(r.logit_bias).length > 0)
        drop(ctx, 'logit_bias', 'logit_bias has no Bedrock equivalent.');
    if (typeof r.frequency_penalty === 'number' && r.frequency_penalty !== 0)
        drop(ctx, 'frequency_penalty', 'frequency_penalty has no Converse equivalent.');
    if (typeof r.presence_penalty === 'number' && r.presence_penalty !== 0)
        drop(ctx, 'presence_penalty', 'presence_penalty has no Converse equivalent.');
    if (typeof r.seed === 'number')
        drop(ctx, 'seed', 'seed has no Converse equivalent.');
    if (r.audio !== undefined && r.audio !== null)
        drop(ctx, 'audio', 'audio output is not available through Converse.');
    if (r.modalities?.includes('audio'))
        drop(ctx, 'modalities', 'modalities "audio" is not available through Converse.');
    if (r.prediction !== undefined && r.prediction !== null)
        drop(ctx, 'prediction', 'prediction (predicted outputs) has no Bedrock equivalent.');
    if (r.web_search_options !== undefined)
        drop(ctx, 'web_search_options', 'web_search_options has no Bedrock equivalent.');
    if (r.moderation !== undefined && r.moderation !== null)
        drop(ctx, 'moderation', 'moderation has no Converse equivalent (Bedrock moderates with guardrails).');
    if (typeof r.verbosity === 'string')
        drop(ctx, 'verbosity', 'verbosity has no Converse equivalent.');
    if (r.store === true)
        drop(ctx, 'store', 'store: Bedrock does not store completions.');
    if (r.service_tier === 'scale')
        drop(ctx, 'service_tier', 'service_tier "scale" has no Bedrock equivalent.');
    // Hints that cannot change the answer: never refused, always named in `dropped`.
    for (const hint of HINTS)
        if (r[hint] != null)
            ctx.dropped.push(hint);
    r.messages?.forEach((m, i) => {
        const extra = m;
        if (extra.name != null && m.role !== 'function')
            ctx.dropped.push(`messages[${i}].name`);
        if (Array.isArray(extra.annotations) && extra.annotations.length > 0)
            ctx.dropped.push(`messages[${i}].annotations`);
    });
}
/** Request fields with no Converse equivalent that never change the answer. */
const HINTS = [
    'user',
    'safety_identifier',
    'prompt_cache_key',
    'prompt_cache_retention',
    'prompt_cache_options',
];
function rejected(ctx, param) {
    if (!ctx.options.rejectedParams?.includes(param))
        return false;
    unsupportedParam(ctx, param, `This model does not take '${param}' through Bedrock.`);
    return true;
}
/**
 * The model's exclusive groups (e.g. temperature and top_p on Claude 4.5): of each group only the
 * first field sent is kept; the others are an error, or dropped.
 */
function applyExclusiveParams(config, ctx) {
    for (const group of ctx.rules.exclusiveParams ?? []) {
        const sent = group.filter((p) => p !== 'topK' && config[p] !== undefined);
        const [kept, ...others] = sent;
        for (const param of others) {
            const field = OPENAI_SAMPLING_FIELD[param] ?? param;
            const keptField = OPENAI_SAMPLING_FIELD[kept] ?? String(kept);
            unsupportedParam(ctx, field, `This model takes only one of '${keptField}' and '${field}': Bedrock rejects them together.`);
            delete config[param];
        }
    }
}
function checkNumber(value, param, min, max) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
        throw invalidRequest('invalid_parameter', param, `${param} must be a number from ${min} to ${max} (got ${String(value)}).`);
    }
    return value;
}
/** The `maxTemperature` option, checked: Converse takes `inferenceConfig.temperature` in 0..1. */
function maxTemperatureOf(ctx) {
    const max = ctx.options.maxTemperature ?? 1;
    if (typeof max !== 'number' || !(max > 0 && max <= 1)) {
        throw invalidRequest('invalid_option', 'maxTemperature', `The maxTemperature option must be a number above 0 and at most 1 (Converse's limit); got ${String(max)}.`);
    }
    return max;
}
/**
 * A temperature OpenAI allows (0..2) but above what the model takes through Converse is an
 * error naming the allowed range, unless the caller explicitly asked to clamp it (a warning) or
 * to drop unsupported values (listed in `dropped`). Never silently changed.
 */
function withinMaxTemperature(t, ctx) {
    const max = maxTemperatureOf(ctx);
    if (t <= max)
        return t;
    const adjusted = `${t} clamped to ${max}, the model's maximum through Converse.`;
    if (ctx.options.clampTemperature) {
        ctx.warnings.push(`temperature: ${adjusted}`);
        return max;
    }
    adjustedParam(ctx, {
        param: 'temperature',
        code: 'temperature_out_of_range',
        reason: `temperature ${t} is out of range: this model takes 0 to ${max} through Bedrock Converse ` +
            `(OpenAI allows up to 2). Send a temperature from 0 to ${max}.`,
        adjusted,
    });
    return max;
}
/** `max_tokens`/`max_completion_tokens`, `temperature`, `top_p`, `stop` -> inferenceConfig. */
export function inferenceConfig(request, ctx) {
    const config = {};
    const max = request.max_completion_tokens ?? request.max_tokens;
    if (max !== undefined && max !== null && !rejected(ctx, 'max_tokens')) {
        const param = maxTokensParam(request);
        if (!Number.isInteger(max) || max < 1) {
            throw invalidRequest('invalid_parameter', param, `${param} must be a positive integer (got ${String(max)}).`);
        }
        config.maxTokens = withinOutputLimit(max, param, ctx);
    }
    if (request.temperature !== undefined &&
        request.temperature !== null &&
        !rejected(ctx, 'temperature')) {
        const t = checkNumber(request.temperature, 'temperature', 0, 2);
        config.temperature = withinMaxTemperature(t, ctx);
    }
    if (request.top_p !== undefined && request.top_p !== null && !rejected(ctx, 'top_p')) {
        config.topP = checkNumber(request.top_p, 'top_p', 0, 1);
    }
    if (request.stop !== undefined && request.stop !== null && !rejected(ctx, 'stop')) {
        const list = typeof request.stop === 'string' ? [request.stop] : request.stop;
        if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) {
            throw invalidRequest('invalid_parameter', 'stop', 'stop must be a string or an array of strings.');
        }
        const stops = list.filter((s) => s !== '');
        if (stops.length > 0)
            config.stopSequences = stops;
    }
    applyExclusiveParams(config, ctx);
    return config;
}
/** `metadata` (plus the option's) -> `requestMetadata`, checked against Bedrock's rules. */
export function requestMetadata(request, ctx) {
    const merged = { ...ctx.options.requestMetadata, ...(request.metadata ?? {}) };
    const entries = Object.entries(merged);
    if (entries.length === 0)
        return undefined;
    if (entries.length > 16) {
        throw invalidRequest('invalid_metadata', 'metadata', `metadata has ${entries.length} entries; Bedrock allows at most 16.`);
    }
    for (const [key, value] of entries) {
        if (key.length < 1 || key.length > 256 || !METADATA_TEXT.test(key)) {
            throw invalidRequest('invalid_metadata', `metadata.${key}`, `metadata key "${key}" must be 1-256 characters of letters, digits, whitespace and :_@$#=/+,-.`);
        }
        if (typeof value !== 'string' || value.length > 256 || !METADATA_TEXT.test(value)) {
            throw invalidRequest('invalid_metadata', `metadata.${key}`, `metadata value of "${key}" must be a string of at most 256 letters, digits, whitespace and :_@$#=/+,-.`);
        }
    }
    return merged;
}
/** The system instruction `json_object` adds (no schema to force, so the model is asked). */
export const JSON_OBJECT_INSTRUCTION = 'Respond with a single valid JSON object and nothing else: no text before or after it, no code fences.';
/**
 * `response_format` -> Converse. `json_schema` goes to native structured output
 * (`outputConfig.textFormat`) or, with `structuredOutput: 'tool'`, to a forced tool whose input
 * schema is the requested schema; the schema sent to `outputConfig` is the subset Bedrock
 * compiles (`toOutputSchema`: closed objects, unenforceable constraints moved into descriptions).
 * `json_object` ("any JSON object") has no schema to enforce: an open `{ type: 'object' }` schema,
 * forced or compiled, is answered with `{}` (Claude closes every object), so the model is asked
 * instead, with a system instruction (`JSON_OBJECT_INSTRUCTION`).
 */
export function structuredOutput(request, ctx) {
    const format = request.response_format;
    if (format === undefined || format === null || format.type === 'text')
        return {};
    if (format.type === 'json_object')
        return { instruction: JSON_OBJECT_INSTRUCTION };
    if (format.type !== 'json_schema') {
        throw invalidRequest('unsupported_response_format', 'response_format', `response_format type "${String(format.type)}" is not supported; use text, json_object or json_schema.`);
    }
    const name = format.json_schema?.name || 'response';
    const description = format.json_schema?.description;
    if ((ctx.options.structuredOutput ?? 'output-config') === 'tool') {
        const toolSchema = toolInputSchema(format.json_schema?.schema, 'response_format.json_schema.schema');
        return forcedTool(toolSchema, description ?? `Answer with the ${name} object.`);
    }
    const { schema, moved } = toOutputSchema(objectSchema(format.json_schema?.schema));
    if (moved.length > 0) {
        ctx.warnings.push(`response_format.json_schema.schema: Bedrock's structured output does not enforce ${moved.join('; ')}; moved into descriptions (objects closed with additionalProperties: false).`);
    }
    const jsonSchema = description === undefined
        ? { schema: JSON.stringify(schema), name }
        : { schema: JSON.stringify(schema), name, description };
    return { outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema } } } };
}
function forcedTool(schema, description) {
    return {
        tool: {
            toolSpec: {
                name: STRUCTURED_OUTPUT_TOOL,
                description,
                inputSchema: { json: schema },
            },
        },
    };
}
