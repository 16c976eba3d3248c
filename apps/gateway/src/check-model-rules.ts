import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { ChatCompletionRequest, ConverseInputResult } from '@bedrock-bridge/format';
import type { ModelCapabilities, SamplingParam } from '@bedrock-bridge/models';

/*
 * The capability facts `format` has no option for, enforced by the app (see models' README):
 * `exclusiveParams`, `forcedToolChoice` and the cache TTLs a model lists. Like the rest of the
 * gateway, a request Bedrock would reject gets a 400 naming the field, nothing is dropped.
 */

/** A sampling parameter: where `format` puts it in `inferenceConfig`, and its OpenAI name. */
type InferenceKey = keyof NonNullable<ConverseInputResult['input']['inferenceConfig']>;
const SAMPLING: Record<SamplingParam, { key?: InferenceKey; openai: string }> = {
  temperature: { key: 'temperature', openai: 'temperature' },
  topP: { key: 'topP', openai: 'top_p' },
  stopSequences: { key: 'stopSequences', openai: 'stop' },
  topK: { openai: 'top_k' }, // no OpenAI field: the gateway never sends it
};

function refuse(param: string, code: string, message: string): BedrockBridgeError {
  return new BedrockBridgeError({ kind: 'validation', code, param, message });
}

/** Cache markers of the request, with the field each sits in. */
function cacheMarkers(request: ChatCompletionRequest): { param: string; ttl?: unknown }[] {
  const found: { param: string; ttl?: unknown }[] = [];
  const visit = (part: unknown, param: string) => {
    const p = part as {
      cache_control?: { ttl?: unknown } | null;
      prompt_cache_breakpoint?: unknown;
    };
    if (p.cache_control != null)
      found.push({ param: `${param}.cache_control`, ttl: p.cache_control.ttl });
    else if (p.prompt_cache_breakpoint != null)
      found.push({ param: `${param}.prompt_cache_breakpoint` });
  };
  for (const [i, message] of request.messages.entries()) {
    if (!Array.isArray(message.content)) continue;
    for (const [j, part] of message.content.entries()) visit(part, `messages[${i}].content[${j}]`);
  }
  for (const [i, tool] of (request.tools ?? []).entries()) visit(tool, `tools[${i}]`);
  return found;
}

/**
 * Checks the converted input against the facts `toConverseInput` does not take. Throws a
 * `validation` error naming the field when Bedrock would reject the call; returns notes for
 * what the conversion left out without an entry in `dropped` (cache markers on a model that
 * does not cache).
 */
export function checkModelRules(
  request: ChatCompletionRequest,
  { input, answer }: ConverseInputResult,
  caps: ModelCapabilities,
): string[] {
  const model = input.modelId ?? request.model;
  for (const group of caps.exclusiveParams) {
    const sent = group.filter((p) => {
      const key = SAMPLING[p].key;
      return key !== undefined && input.inferenceConfig?.[key] !== undefined;
    });
    if (sent.length > 1) {
      const names = sent.map((p) => `'${SAMPLING[p].openai}'`);
      throw refuse(
        SAMPLING[sent[1] as SamplingParam].openai,
        'mutually_exclusive_parameters',
        `${model} accepts only one of ${names.join(' and ')}: Bedrock rejects them together. Send one of them.`,
      );
    }
  }

  const choice = input.toolConfig?.toolChoice;
  if ((choice?.any ?? choice?.tool) !== undefined && !caps.forcedToolChoice) {
    if (answer.structuredOutputTool !== undefined) {
      throw refuse(
        'response_format',
        'unsupported_parameter',
        `${model} has no native structured output and cannot be forced to call a tool, so response_format ${request.response_format?.type ?? ''} cannot be honoured. Leave out response_format, or use a model that supports it.`,
      );
    }
    const param = request.tool_choice !== undefined ? 'tool_choice' : 'function_call';
    throw refuse(
      param,
      'unsupported_parameter',
      `${model} cannot be forced to call a tool (Bedrock accepts only "auto" for it): use ${param} "auto", or a model that supports forced tool choice.`,
    );
  }

  const markers = cacheMarkers(request);
  if (markers.length === 0) return [];
  if (caps.promptCaching === undefined) {
    return [`${markers[0]?.param}: ${model} has no prompt caching, so cache markers were ignored.`];
  }
  const ttls: readonly unknown[] = caps.promptCaching.ttls;
  const bad = markers.find((m) => m.ttl !== undefined && !ttls.includes(m.ttl));
  if (bad) {
    throw refuse(
      `${bad.param}.ttl`,
      'unsupported_parameter',
      `${model} does not take a ${String(bad.ttl)} cache TTL (it takes ${ttls.join(', ')}). Leave out ttl, or use one of those.`,
    );
  }
  return [];
}
