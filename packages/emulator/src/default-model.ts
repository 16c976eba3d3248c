import type { CatalogueModel } from './catalogue.js';
import { chooseTool } from './choose-tool.js';
import { blockText, countRequestTokens, countTokens } from './count-tokens.js';
import { sampleFromSchema } from './schema-sample.js';
import type { Usage } from './types.js';

type Json = Record<string, unknown>;

/** A complete answer: what converse returns and what converse-stream streams. */
export interface Answer {
  content: Json[];
  stopReason: string;
  usage: Usage;
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Usage counted the emulator's way (characters / 4, rounded up). */
export function countUsage(body: Json, content: Json[]): Usage {
  const inputTokens = countRequestTokens(body);
  const outputTokens = countTokens(content.map(blockText).join(''));
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** Whether the request asks for reasoning (Anthropic `thinking`, `reasoningConfig`, `reasoning_effort`). */
function wantsReasoning(body: Json): boolean {
  const fields = isObject(body.additionalModelRequestFields)
    ? body.additionalModelRequestFields
    : {};
  const thinking = fields.thinking;
  if (isObject(thinking) && (thinking.type === 'enabled' || thinking.type === 'adaptive'))
    return true;
  const config = fields.reasoningConfig ?? fields.reasoning_config;
  if (isObject(config) && config.type === 'enabled') return true;
  return typeof fields.reasoning_effort === 'string';
}

/** The JSON schema of `outputConfig.textFormat` (structured output), parsed; undefined if none. */
function structuredOutputSchema(body: Json): unknown {
  const config = isObject(body.outputConfig) ? body.outputConfig : undefined;
  const format = config && isObject(config.textFormat) ? config.textFormat : undefined;
  if (format?.type !== 'json_schema' || !isObject(format.structure)) return undefined;
  const definition = format.structure.jsonSchema;
  if (!isObject(definition) || typeof definition.schema !== 'string') return undefined;
  try {
    return JSON.parse(definition.schema) as unknown;
  } catch {
    return undefined;
  }
}

function lastUserMessage(body: Json): Json | undefined {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === 'user') return m;
  }
  return undefined;
}

function toolNameFor(body: Json, toolUseId: string): string {
  for (const m of Array.isArray(body.messages) ? body.messages : []) {
    for (const b of isObject(m) && Array.isArray(m.content) ? m.content : []) {
      const use = isObject(b) ? b.toolUse : undefined;
      if (isObject(use) && use.toolUseId === toolUseId) return String(use.name);
    }
  }
  return 'tool';
}

/**
 * The deterministic default model: echoes the last user text; calls the declared tool that best
 * matches it (see {@link chooseTool}), with input generated from the tool's schema; answers
 * structured output (`outputConfig` JSON schema) with a value satisfying the schema; mentions tool
 * results; reasons (with a signature on Anthropic models) when the model can and the request
 * asks; honours maxTokens and stopSequences.
 */
export function defaultAnswer(body: Json, model: CatalogueModel, sequence: number): Answer {
  const last = lastUserMessage(body);
  const blocks = last && Array.isArray(last.content) ? last.content.filter(isObject) : [];
  const text = blocks
    .filter((b) => typeof b.text === 'string')
    .map((b) => String(b.text))
    .join(' ');
  const results = blocks.filter((b) => isObject(b.toolResult));
  const content: Json[] = [];
  if (model.reasoning === 'always' || (model.reasoning === 'on-request' && wantsReasoning(body))) {
    const reasoningText: Json = { text: `Thinking about: ${text || 'the tool result'}` };
    if (model.providerName === 'Anthropic') reasoningText.signature = `emu-signature-${sequence}`;
    content.push({ reasoningContent: { reasoningText } });
  }
  const tool = results.length === 0 ? chooseTool(body.toolConfig, text) : undefined;
  let stopReason = 'end_turn';
  if (tool) {
    const input = sampleFromSchema(
      isObject(tool.inputSchema) ? tool.inputSchema.json : { type: 'object' },
      text,
    );
    content.push({ toolUse: { toolUseId: `tooluse_emu${sequence}`, name: tool.name, input } });
    stopReason = 'tool_use';
  } else {
    const schema = structuredOutputSchema(body);
    let answer =
      schema === undefined ? `Echo: ${text}` : JSON.stringify(sampleFromSchema(schema, text));
    if (results.length > 0) {
      answer = results
        .map((b) => {
          const r = b.toolResult as Json;
          return `Result of ${toolNameFor(body, String(r.toolUseId))}: ${blockText(b)}`;
        })
        .join('\n');
    }
    const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
    const stops = Array.isArray(config.stopSequences) ? config.stopSequences.map(String) : [];
    for (const stop of stops) {
      const at = stop ? answer.indexOf(stop) : -1;
      if (at >= 0) {
        answer = answer.slice(0, at);
        stopReason = 'stop_sequence';
      }
    }
    const maxTokens = typeof config.maxTokens === 'number' ? config.maxTokens : undefined;
    if (maxTokens !== undefined && countTokens(answer) > maxTokens) {
      answer = answer.slice(0, maxTokens * 4);
      stopReason = 'max_tokens';
    }
    if (answer !== '') content.push({ text: answer });
  }
  return { content, stopReason, usage: countUsage(body, content) };
}
