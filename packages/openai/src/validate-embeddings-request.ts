import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { EmbeddingRequest } from '@bedrock-bridge/format/embeddings';
import { z } from 'zod';
import { describeIssue, typeName } from './validate-chat-request.js';

/*
 * Strict validation of `POST /v1/embeddings` bodies at the HTTP edge: shapes and sizes, naming
 * the field at fault the way OpenAI does. What a shape means for the model (token arrays, sizes
 * it offers, empty texts, length limits) is format's job.
 */

/** OpenAI's limit on inputs per request. */
export const MAX_EMBEDDING_INPUTS = 2048;

const tokens = z.array(z.number().int()).min(1);
const embeddingsRequest = z.strictObject({
  model: z.string().min(1),
  input: z.union(
    [
      z.string(),
      z.array(z.string()).min(1).max(MAX_EMBEDDING_INPUTS),
      tokens,
      z.array(tokens).min(1).max(MAX_EMBEDDING_INPUTS),
    ],
    {
      error: `expected a string, an array of up to ${MAX_EMBEDDING_INPUTS} strings, or token arrays`,
    },
  ),
  dimensions: z.number().int().positive().nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  user: z.string().nullish(),
  input_type: z.string().nullish(),
});

function refuse(message: string, param: string): BedrockBridgeError {
  return new BedrockBridgeError({ kind: 'validation', code: 'invalid_request', param, message });
}

/** Checks a parsed JSON body; throws a `validation` error whose `param` names the field. */
export function validateEmbeddingsRequest(body: unknown): EmbeddingRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BedrockBridgeError({
      kind: 'validation',
      code: 'invalid_request',
      message: `The request body must be a JSON object, got ${typeName(body)}.`,
    });
  }
  // Checked before the schema: a union would report a missing or oversized input as a
  // mismatch of one of its branches.
  const input = (body as { input?: unknown }).input;
  if (input === undefined || input === null) {
    throw refuse("Missing required parameter: 'input'.", 'input');
  }
  if (Array.isArray(input) && input.length > MAX_EMBEDDING_INPUTS) {
    throw refuse(
      `Invalid value for 'input': ${input.length} inputs, at most ${MAX_EMBEDDING_INPUTS} in one request.`,
      'input',
    );
  }
  const result = embeddingsRequest.safeParse(body, { reportInput: true });
  if (!result.success) {
    const first = result.error.issues[0];
    throw first
      ? describeIssue(first)
      : new BedrockBridgeError({ kind: 'validation', message: 'Invalid request body.' });
  }
  const present = Object.entries(result.data).filter(([, value]) => value != null);
  return Object.fromEntries(present) as unknown as EmbeddingRequest;
}
