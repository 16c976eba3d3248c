import type { ResponsesRequest } from '@bedrock-bridge/format/responses';
import { z } from 'zod';
import { describeIssue, invalid, typeName } from './validate-chat-request.js';

/*
 * Validation of `POST /v1/responses` bodies at the HTTP edge: the request's own fields strictly
 * (an unknown one is named), items by their outer shape. What an item means for Bedrock (content
 * parts, stored references, sealed reasoning) is format's job, which names the item at fault.
 */

const item = z.looseObject({
  type: z.string().optional(),
  id: z.string().nullish(),
});

const functionTool = z.looseObject({
  type: z.string(),
  name: z.string().min(1).optional(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const textFormat = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json_object') }),
  z.strictObject({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().optional(),
    strict: z.boolean().nullish(),
  }),
]);

const responsesRequest = z.strictObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(item)]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(functionTool).nullish(),
  tool_choice: z
    .union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string() })])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .strictObject({
      format: textFormat.optional(),
      verbosity: z.enum(['low', 'medium', 'high']).nullish(),
    })
    .nullish(),
  reasoning: z
    .strictObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
      summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
      generate_summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
    })
    .nullish(),
  max_output_tokens: z.int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  include: z.array(z.string()).nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().min(1).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.strictObject({ include_obfuscation: z.boolean().optional() }).nullish(),
  user: z.string().optional(),
  safety_identifier: z.string().optional(),
  prompt_cache_key: z.string().optional(),
  prompt_cache_retention: z.enum(['in_memory', '24h']).nullish(),
  service_tier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']).nullish(),
  top_logprobs: z.int().min(0).max(20).nullish(),
  max_tool_calls: z.int().min(1).nullish(),
  background: z.boolean().nullish(),
  conversation: z.unknown().optional(),
  prompt: z.unknown().optional(),
  context_management: z.unknown().optional(),
});

/**
 * Checks a parsed JSON body against the Responses request shape. Throws a `validation`
 * `BedrockBridgeError` whose `param` names the field at fault. Top-level `null`s are removed
 * (OpenAI reads them as absent).
 */
export function validateResponsesRequest(body: unknown): ResponsesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`The request body must be a JSON object, got ${typeName(body)}.`, undefined);
  }
  const result = responsesRequest.safeParse(body, { reportInput: true });
  if (!result.success) {
    const first = result.error.issues[0];
    throw first ? describeIssue(first) : invalid('Invalid request body.', undefined);
  }
  if (result.data.input === undefined && !result.data.previous_response_id) {
    throw invalid("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  }
  const present = Object.entries(result.data).filter(([, value]) => value != null);
  return Object.fromEntries(present) as ResponsesRequest;
}
