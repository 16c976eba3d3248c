import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionState } from './conversion-state.js';
import type { ChatCompletionRequest } from './openai-request.js';
/** A cache marker of the request, with the field it sits in. */
interface Marker {
    param: string;
    ttl?: unknown;
}
/** Cache markers of the request (on content parts and tools), with the field each sits in. */
export declare function cacheMarkers(request: ChatCompletionRequest): Marker[];
/**
 * The model's caching rules for the request's markers: on a model without prompt caching they
 * are left out (a `warnings` entry names the first); a TTL the model does not list is an error,
 * or left out (the service default lifetime) under `paramPolicy: 'drop'`.
 */
export declare function applyCacheRules(request: ChatCompletionRequest, input: ConverseStreamCommandInput, ctx: ConversionState): void;
export {};
