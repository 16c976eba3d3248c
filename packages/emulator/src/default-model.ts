import type { CatalogueModel } from './catalogue.js';
import { blockText, collectRequestText, countTokens } from './count-tokens.js';
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
  const inputTokens = countTokens(collectRequestText(body));
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

/** A sample value satisfying a JSON schema: required properties only, first enum value. */
function sampleValue(schema: unknown): unknown {
  if (!isObject(schema)) return 'example';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const out: Json = {};
      const props = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const key of required) out[String(key)] = sampleValue(props[String(key)]);
      return out;
    }
    default:
      return 'example';
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

function chooseTool(body: Json, text: string): Json | undefined {
  const config = isObject(body.toolConfig) ? body.toolConfig : undefined;
  if (!config) return undefined;
  const tools = (Array.isArray(config.tools) ? config.tools : [])
    .map((t) => (isObject(t) && isObject(t.toolSpec) ? t.toolSpec : undefined))
    .filter((t): t is Json => t !== undefined);
  const named = (name: unknown) => tools.find((t) => t.name === name);
  const choice = isObject(config.toolChoice) ? config.toolChoice : {};
  if (isObject(choice.tool)) return named(choice.tool.name);
  const asked = /\bcall\s+([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (asked && named(asked)) return named(asked);
  if (isObject(choice.any)) return tools[0];
  return undefined;
}

/**
 * The deterministic default model: echoes the last user text, calls a declared tool when asked
 * (`call <name>` or a forcing toolChoice), mentions tool results, reasons when the model can and
 * the request asks, and honours maxTokens and stopSequences.
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
  const tool = results.length === 0 ? chooseTool(body, text) : undefined;
  let stopReason = 'end_turn';
  if (tool) {
    const input = sampleValue(
      isObject(tool.inputSchema) ? tool.inputSchema.json : { type: 'object' },
    );
    content.push({ toolUse: { toolUseId: `tooluse_emu${sequence}`, name: tool.name, input } });
    stopReason = 'tool_use';
  } else {
    let answer = `Echo: ${text}`;
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
