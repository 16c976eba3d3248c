import { invalidRequest } from '../invalid-request.js';
const DEFAULT_BATCH = {
    'titan-text-v2': 1,
    'titan-text-g1': 1,
    'titan-multimodal-g1': 1,
    'cohere-v3': 96,
};
/** The texts of `input`; token ids are refused (no Bedrock embedding model takes them). */
function inputTexts(request, model) {
    const input = request.input;
    const texts = typeof input === 'string' ? [input] : input;
    if (!Array.isArray(texts) || texts.length === 0) {
        throw invalidRequest('invalid_input', 'input', 'input must be a non-empty string or a non-empty array of strings.');
    }
    texts.forEach((text, i) => {
        const param = typeof input === 'string' ? 'input' : `input[${i}]`;
        if (typeof text === 'number' || Array.isArray(text)) {
            throw invalidRequest('unsupported_input', typeof text === 'number' ? 'input' : param, `${model} takes text only: token arrays are not supported by Bedrock's embedding models. Send the text itself.`);
        }
        if (typeof text !== 'string') {
            throw invalidRequest('invalid_input', param, `${param} must be a string.`);
        }
        if (text.length === 0) {
            throw invalidRequest('invalid_input', param, `${param} is empty: send at least one character.`);
        }
    });
    return texts;
}
/**
 * The OpenAI embeddings request as Bedrock InvokeModel calls for one model family: one call per
 * text for Titan, batches of up to `batchSize` texts for Cohere. Pure: no I/O. Throws a
 * `validation` error naming the field (`input[3]`, `dimensions`, `encoding_format`) when the
 * model cannot take the request and the options do not allow dropping the field.
 */
export function toEmbeddingCalls(request, options) {
    const modelId = options.modelId ?? request.model;
    const dropped = [];
    const warnings = [];
    const texts = inputTexts(request, modelId);
    const format = request.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64') {
        throw invalidRequest('invalid_encoding_format', 'encoding_format', `encoding_format must be "float" or "base64", not ${JSON.stringify(format)}.`);
    }
    if (options.maxInputChars !== undefined) {
        const max = options.maxInputChars;
        const at = texts.findIndex((t) => t.length > max);
        if (at !== -1) {
            const param = typeof request.input === 'string' ? 'input' : `input[${at}]`;
            throw invalidRequest('input_too_long', param, `${param} has ${texts[at]?.length} characters; ${modelId} takes at most ${max} a text. Split it into shorter texts.`);
        }
    }
    let dimensions;
    if (request.dimensions !== undefined && request.dimensions !== null) {
        const offered = options.dimensions;
        const fixed = offered.length === 1;
        if (offered.includes(request.dimensions)) {
            dimensions = fixed ? undefined : request.dimensions;
        }
        else if (options.dropUnsupportedParams) {
            dropped.push('dimensions');
        }
        else {
            throw invalidRequest('unsupported_dimensions', 'dimensions', fixed
                ? `${modelId} returns ${offered[0]} dimensions only; leave out dimensions or send ${offered[0]}.`
                : `${modelId} takes dimensions ${offered.join(', ')}, not ${request.dimensions}.`);
        }
    }
    if (request.user !== undefined && request.user !== null)
        dropped.push('user');
    let inputType;
    const types = options.inputTypes ?? [];
    if (request.input_type !== undefined && request.input_type !== null) {
        if (types.includes(request.input_type))
            inputType = request.input_type;
        else if (types.length === 0 && options.dropUnsupportedParams)
            dropped.push('input_type');
        else {
            throw invalidRequest('unsupported_input_type', 'input_type', types.length === 0
                ? `${modelId} takes no input_type; leave it out.`
                : `input_type must be one of ${types.join(', ')} for ${modelId}.`);
        }
    }
    inputType ??= options.defaultInputType ?? types[0];
    const calls = [];
    const family = options.family;
    switch (family) {
        case 'titan-text-v2':
        case 'titan-text-g1':
        case 'titan-multimodal-g1':
            texts.forEach((text, index) => {
                const body = { inputText: text };
                if (dimensions !== undefined) {
                    if (family === 'titan-text-v2')
                        body.dimensions = dimensions;
                    if (family === 'titan-multimodal-g1') {
                        body.embeddingConfig = { outputEmbeddingLength: dimensions };
                    }
                }
                calls.push({ modelId, body, indices: [index] });
            });
            break;
        case 'cohere-v3': {
            const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH[family]);
            for (let start = 0; start < texts.length; start += size) {
                const batch = texts.slice(start, start + size);
                calls.push({
                    modelId,
                    body: { texts: batch, input_type: inputType ?? 'search_document' },
                    indices: batch.map((_, i) => start + i),
                });
            }
            break;
        }
        default: {
            const unreachable = family;
            throw new TypeError(`Unknown embedding family ${String(unreachable)}`);
        }
    }
    return {
        calls,
        count: texts.length,
        answer: { encodingFormat: format, family },
        dropped,
        warnings,
    };
}
