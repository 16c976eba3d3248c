import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { encodeBase64 } from '../base64.js';
function malformedAnswer(modelId, what) {
    return new BedrockBridgeError({
        kind: 'unknown',
        message: `${modelId} answered an embedding body this bridge cannot read: ${what}.`,
    });
}
function isVector(value) {
    return Array.isArray(value) && value.every((v) => typeof v === 'number');
}
/** The vectors of one call's body, in the order of its texts, and the tokens it reports. */
function readBody(result) {
    const { call, body } = result;
    const b = (body ?? {});
    if (Array.isArray(b.embeddings) || (b.embeddings !== null && typeof b.embeddings === 'object')) {
        // Cohere: a list of vectors, or vectors by type.
        const list = Array.isArray(b.embeddings)
            ? b.embeddings
            : b.embeddings.float;
        if (!Array.isArray(list) || !list.every(isVector)) {
            throw malformedAnswer(call.modelId, 'embeddings is not a list of float vectors');
        }
        return { vectors: list };
    }
    if (!isVector(b.embedding))
        throw malformedAnswer(call.modelId, 'no embedding');
    const tokens = b.inputTextTokenCount;
    return {
        vectors: [b.embedding],
        ...(typeof tokens === 'number' ? { tokens } : {}),
    };
}
function toBase64(vector) {
    const floats = new Float32Array(vector);
    return encodeBase64(new Uint8Array(floats.buffer));
}
/**
 * The answers of every call of `toEmbeddingCalls`, in any order, as OpenAI's `list` with each
 * vector at the index of its input. Usage is the sum of Bedrock's counts (the body's
 * `inputTextTokenCount`, else the call's `inputTokenCount` header). Throws when an answer is
 * missing or carries the wrong number of vectors: never a partial list.
 */
export function fromEmbeddingResults(results, prepared, options) {
    const data = new Array(prepared.count);
    let tokens = 0;
    for (const result of results) {
        const { vectors, tokens: bodyTokens } = readBody(result);
        const { indices, modelId } = result.call;
        if (vectors.length !== indices.length) {
            throw malformedAnswer(modelId, `${vectors.length} vectors for ${indices.length} texts`);
        }
        tokens += bodyTokens ?? result.inputTokenCount ?? 0;
        indices.forEach((index, i) => {
            const vector = vectors[i];
            data[index] = {
                object: 'embedding',
                index,
                embedding: prepared.answer.encodingFormat === 'base64' ? toBase64(vector) : vector,
            };
        });
    }
    // biome-ignore lint/complexity/useIndexOf: the array has holes, which indexOf skips
    const missing = data.findIndex((d) => d === undefined);
    if (missing !== -1 || data.length !== prepared.count) {
        throw new BedrockBridgeError({
            kind: 'unknown',
            message: `No embedding for input ${missing}: an answer is missing.`,
        });
    }
    return {
        object: 'list',
        data: data,
        model: options.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
}
