import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { ChatCompletionRequest } from '@bedrock-bridge/format';
import { z } from 'zod';
import { jsonTextDepth } from './json-depth.js';
import { paramFromPath } from './param-path.js';
import { arePlainMessages } from './plain-messages.js';

/*
 * Strict validation of `POST /v1/chat/completions` bodies at the HTTP edge. It checks shapes
 * and ranges and names the field at fault (`messages[2].content`), the way OpenAI does; what
 * a shape means for Bedrock (tool names, image bytes, history repair) is format's job.
 */

// Prompt-cache markers (extensions format understands) may sit on any content part.
const cacheMarkers = {
  cache_control: z
    .strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
    .nullish(),
  prompt_cache_breakpoint: z.strictObject({ mode: z.literal('explicit') }).optional(),
};
const textPart = z.strictObject({ type: z.literal('text'), text: z.string(), ...cacheMarkers });
const imagePart = z.strictObject({
  ...cacheMarkers,
  type: z.literal('image_url'),
  image_url: z.strictObject({
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
const filePart = z.strictObject({
  ...cacheMarkers,
  type: z.literal('file'),
  file: z.strictObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});
const audioPart = z.strictObject({
  ...cacheMarkers,
  type: z.literal('input_audio'),
  input_audio: z.strictObject({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
});
const refusalPart = z.strictObject({ type: z.literal('refusal'), refusal: z.string() });

const partError = { error: 'expected a content part of type "text", "image_url" or "file"' };
const userPart = z.discriminatedUnion(
  'type',
  [textPart, imagePart, filePart, audioPart],
  partError,
);

function content<T extends z.ZodType>(part: T, what: string) {
  return z.union([z.string(), z.array(part)], {
    error: `expected a string or an array of ${what}`,
  });
}

/** Deepest nesting accepted inside a tool call's `arguments` (JSON inside a string). */
const MAX_ARGUMENTS_DEPTH = 64;

const toolCall = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      id: z.string().min(1),
      type: z.literal('function'),
      cache_control: cacheMarkers.cache_control,
      function: z.strictObject({
        name: z.string().min(1),
        arguments: z.string().refine((text) => jsonTextDepth(text) <= MAX_ARGUMENTS_DEPTH, {
          error: `nested too deeply: at most ${MAX_ARGUMENTS_DEPTH} levels of arrays and objects are accepted`,
        }),
      }),
    }),
    z.strictObject({
      id: z.string().min(1),
      type: z.literal('custom'),
      custom: z.strictObject({ name: z.string().min(1), input: z.string() }),
    }),
  ],
  { error: 'expected a tool call of type "function" or "custom"' },
);
// Anthropic-style clients mark a whole message for caching (format: a cache point after it).
const messageCache = { cache_control: cacheMarkers.cache_control };
const toolResultPart = z.discriminatedUnion('type', [textPart, imagePart, filePart], {
  error: 'expected a content part of type "text", "image_url" or "file"',
});

const name = z.string().optional();
const systemMessage = z.strictObject({
  role: z.literal('system'),
  content: content(textPart, 'text parts'),
  name,
  ...messageCache,
});
const developerMessage = z.strictObject({
  role: z.literal('developer'),
  content: content(textPart, 'text parts'),
  name,
  ...messageCache,
});
const userMessage = z.strictObject({
  role: z.literal('user'),
  content: content(userPart, 'content parts'),
  name,
  ...messageCache,
});
// Clients replay the assistant message they received, their own additions included (the openai
// client's `parsed`): every field of an answer's message is read, other fields are ignored (an
// answer's message is the client's echo of ours, so nothing the client asked for is lost).
const assistantMessage = z.object({
  role: z.literal('assistant'),
  content: z
    .union([z.string(), z.array(z.discriminatedUnion('type', [textPart, refusalPart]))], {
      error: 'expected a string, null or an array of text parts',
    })
    .nullish(),
  tool_calls: z.array(toolCall).optional(),
  function_call: z.strictObject({ name: z.string().min(1), arguments: z.string() }).nullish(),
  refusal: z.string().nullish(),
  audio: z.strictObject({ id: z.string() }).nullish(),
  annotations: z.array(z.record(z.string(), z.unknown())).nullish(),
  reasoning_content: z.string().nullish(),
  reasoning_details: z.array(z.record(z.string(), z.unknown())).nullish(),
  name,
  ...messageCache,
});
// `name` is not in OpenAI's type for tool messages, but LangChain and the cookbook send it.
const toolMessage = z.strictObject({
  role: z.literal('tool'),
  content: content(toolResultPart, 'content parts'),
  tool_call_id: z.string().min(1),
  name,
  ...messageCache,
});
/** Legacy: the result of a `function_call`. */
const functionMessage = z.strictObject({
  role: z.literal('function'),
  content: z.string().nullable(),
  name: z.string().min(1),
});

const message = z.discriminatedUnion(
  'role',
  [systemMessage, developerMessage, userMessage, assistantMessage, toolMessage, functionMessage],
  { error: 'expected a message with role "system", "developer", "user", "assistant" or "tool"' },
);

const functionDefinition = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullish(),
});
const tool = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('function'),
      function: functionDefinition,
      cache_control: cacheMarkers.cache_control,
    }),
    z.strictObject({
      type: z.literal('custom'),
      custom: z.strictObject({
        name: z.string().min(1),
        description: z.string().optional(),
        format: z.unknown().optional(),
      }),
    }),
  ],
  { error: 'expected a tool of type "function" or "custom"' },
);

const toolChoice = z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.strictObject({
      type: z.literal('function'),
      function: z.strictObject({ name: z.string().min(1) }),
    }),
    z.strictObject({
      type: z.literal('custom'),
      custom: z.strictObject({ name: z.string().min(1) }),
    }),
    z.strictObject({
      type: z.literal('allowed_tools'),
      allowed_tools: z.strictObject({
        mode: z.enum(['auto', 'required']),
        tools: z.array(z.record(z.string(), z.unknown())),
      }),
    }),
  ],
  { error: 'expected "none", "auto", "required" or { type: "function", function: { name } }' },
);

const positiveInt = z.int().min(1).nullish();

/**
 * Every field of OpenAI's chat completions request. What Bedrock cannot honour is not decided
 * here: format applies the model's rules under the request's parameter policy (dropped and
 * named in `x-bedrock-bridge-warnings`, or a 400 naming the field).
 */
const chatRequestShape = {
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z
    .strictObject({
      include_usage: z.boolean().optional(),
      include_obfuscation: z.boolean().optional(),
    })
    .nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: positiveInt,
  max_completion_tokens: positiveInt,
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
  verbosity: z.enum(['low', 'medium', 'high']).nullish(),
  response_format: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('text') }),
      z.strictObject({ type: z.literal('json_object') }),
      z.strictObject({
        type: z.literal('json_schema'),
        json_schema: z.strictObject({
          name: z.string(),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        }),
      }),
    ])
    .nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
  prompt_cache_retention: z.enum(['in_memory', '24h']).nullish(),
  prompt_cache_options: z.unknown().optional(),
  moderation: z.unknown().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  seed: z.int().nullish(),
  service_tier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  // Defined by OpenAI; what Bedrock cannot do is format's decision (n > 1 is served by the app).
  n: z.int().min(1).max(128).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.int().nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  modalities: z.array(z.enum(['text', 'audio'])).nullish(),
  audio: z.unknown().optional(),
  prediction: z.unknown().optional(),
  // Legacy functions: format maps them onto tools.
  functions: z.array(functionDefinition).nullish(),
  function_call: z
    .union([z.enum(['none', 'auto']), z.strictObject({ name: z.string().min(1) })])
    .nullish(),
  web_search_options: z.unknown().optional(),
};
export const chatRequestSchema = z.strictObject(chatRequestShape);

/**
 * The same schema for a request whose messages `arePlainMessages` already accepted: the fields
 * around them are checked (and reported) exactly as by `chatRequestSchema`, the messages pass as
 * they are (the full schema would return them unchanged).
 */
const aroundPlainMessages = z.strictObject({ ...chatRequestShape, messages: z.array(z.unknown()) });

/** A request that passed validation, top-level `null`s removed (OpenAI reads them as absent). */
export type ValidatedChatRequest = ChatCompletionRequest;

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function invalid(message: string, param: string | undefined, code = 'invalid_request') {
  return new BedrockBridgeError({
    kind: 'validation',
    message,
    code,
    ...(param ? { param } : {}),
  });
}

/**
 * A union reports one issue per branch. When exactly one branch matched the outer shape
 * (its issues lie deeper than the union itself), that branch's issue is the useful one.
 */
function innermost(
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[],
): { issue: z.core.$ZodIssue; path: PropertyKey[] } {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const deeper = issue.errors.filter((branch) => branch.some((i) => i.path.length > 0));
    const inner = deeper.length === 1 ? deeper[0]?.find((i) => i.path.length > 0) : undefined;
    if (inner) return innermost(inner, path);
  }
  return { issue, path };
}

export function describeIssue(outer: z.core.$ZodIssue): BedrockBridgeError {
  const { issue, path } = innermost(outer, []);
  const param = paramFromPath(path);
  const at = param === '' ? 'the request body' : `'${param}'`;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const full = paramFromPath([...path, issue.keys[0] ?? '']);
      return invalid(
        `Unrecognized request argument supplied: ${full}`,
        full,
        'unrecognized_argument',
      );
    }
    case 'invalid_type':
      if (issue.input === undefined) return invalid(`Missing required parameter: ${at}.`, param);
      return invalid(
        `Invalid type for ${at}: expected ${issue.expected}, but got ${typeName(issue.input)}.`,
        param,
      );
    default:
      return invalid(`Invalid value for ${at}: ${issue.message}.`, param);
  }
}

/** OpenAI's own rule, whatever the model. */
function streamOptionsWithoutStream(req: {
  stream?: boolean | null | undefined;
  stream_options?: unknown;
}) {
  if (req.stream_options != null && !req.stream)
    return invalid(
      "The 'stream_options' parameter is only allowed when 'stream' is true.",
      'stream_options',
    );
  return undefined;
}

/**
 * Checks a parsed JSON body against the chat completions request shape. Throws a
 * `BedrockBridgeError` of kind `validation` whose `param` names the field at fault.
 */
export function validateChatRequest(body: unknown): ValidatedChatRequest {
  if (body === undefined) {
    throw invalid(
      "Missing required parameter: 'model'. The request has no body: send a JSON object with 'model' and 'messages' (Content-Type: application/json).",
      'model',
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`The request body must be a JSON object, got ${typeName(body)}.`, undefined);
  }
  const schema = arePlainMessages((body as { messages?: unknown }).messages, MAX_ARGUMENTS_DEPTH)
    ? aroundPlainMessages
    : chatRequestSchema;
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) {
    const first = result.error.issues[0];
    throw first ? describeIssue(first) : invalid('Invalid request body.', undefined);
  }
  const refusal = streamOptionsWithoutStream(result.data);
  if (refusal) throw refusal;
  const present = Object.entries(result.data).filter(([, value]) => value != null);
  return Object.fromEntries(present) as unknown as ValidatedChatRequest;
}
