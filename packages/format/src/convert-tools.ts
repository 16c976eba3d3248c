import type { Tool, ToolChoice, ToolConfiguration } from '@aws-sdk/client-bedrock-runtime';
import { type ConversionState, cacheTtl, hasCacheMarker } from './conversion-state.js';
import { invalidRequest } from './invalid-request.js';
import type { ChatCompletionRequest, FunctionDefinition } from './openai-request.js';
import { adjustedParam, unsupportedParam } from './param-policy.js';

/** The outcome of tool conversion. */
export interface ConvertedTools {
  /** Present only when tools are offered to the model. */
  toolConfig?: ToolConfiguration;
  /** When false, tool calls/results in the history must be rendered as text. */
  offered: boolean;
  /**
   * `parallel_tool_calls: false` on a model that takes Anthropic's switch: the request's
   * `additionalModelRequestFields.tool_choice` (with `disable_parallel_tool_use: true`).
   */
  anthropicToolChoice?: Record<string, unknown>;
}

/** A JSON schema usable as `inputSchema.json`: an object schema, `{}` when missing. */
export function objectSchema(parameters: unknown): Record<string, unknown> {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return { type: 'object', properties: {} };
  }
  const schema = parameters as Record<string, unknown>;
  if (Object.keys(schema).length === 0) return { type: 'object', properties: {} };
  return schema.type === undefined ? { type: 'object', ...schema } : schema;
}

/**
 * A function's `parameters` as a Converse `inputSchema.json`, which must be a JSON schema of
 * type `"object"`: missing (or `null`) and `{}` become `{ type: 'object', properties: {} }`, a
 * schema without `type` is an object schema (`type: 'object'` added); anything else (another
 * `type`, an array, a string...) is a `validation` error (code `invalid_tool_parameters`) naming
 * `param`.
 */
export function toolInputSchema(parameters: unknown, param: string): Record<string, unknown> {
  if (parameters === undefined || parameters === null) return objectSchema(parameters);
  const type = (parameters as { type?: unknown }).type;
  if (
    typeof parameters !== 'object' ||
    Array.isArray(parameters) ||
    (type !== undefined && type !== 'object')
  ) {
    const shown = Array.isArray(parameters)
      ? 'an array'
      : typeof parameters !== 'object'
        ? `a ${typeof parameters}`
        : `a schema of type ${JSON.stringify(type)}`;
    throw invalidRequest(
      'invalid_tool_parameters',
      param,
      `${param} must be a JSON schema of type "object" (Converse takes only object schemas); got ${shown}.`,
    );
  }
  return objectSchema(parameters);
}

function functionDefinitions(request: ChatCompletionRequest): {
  defs: Array<{ def: FunctionDefinition; param: string; cache: unknown }>;
} {
  const defs: Array<{ def: FunctionDefinition; param: string; cache: unknown }> = [];
  for (const field of ['tools', 'functions'] as const) {
    const list: unknown = request[field];
    if (list != null && !Array.isArray(list)) {
      throw invalidRequest(`invalid_${field}`, field, `${field} must be an array.`);
    }
  }
  (request.tools ?? []).forEach((tool, i) => {
    const param = `tools[${i}]`;
    if (tool?.type !== 'function' || typeof tool.function !== 'object' || tool.function === null) {
      throw invalidRequest(
        'unsupported_tool_type',
        param,
        `${param}: only function tools are supported (got type "${String(tool?.type)}").`,
      );
    }
    defs.push({ def: tool.function, param: `${param}.function`, cache: tool });
  });
  (request.functions ?? []).forEach((def, i) => {
    defs.push({ def, param: `functions[${i}]`, cache: undefined });
  });
  return { defs };
}

type Choice = 'none' | 'auto' | 'required' | { name: string };

/** The field the client chose with: `tool_choice`, or the legacy `function_call`. */
function choiceField(request: ChatCompletionRequest): 'tool_choice' | 'function_call' {
  return request.tool_choice == null && request.function_call != null
    ? 'function_call'
    : 'tool_choice';
}

function normalizeChoice(request: ChatCompletionRequest): {
  choice: Choice;
  allowed?: Set<string>;
} {
  const raw = request.tool_choice ?? request.function_call;
  const field = choiceField(request);
  if (raw === undefined || raw === 'auto') return { choice: 'auto' };
  if (raw === 'none' || raw === 'required') return { choice: raw };
  if (typeof raw === 'object' && raw !== null) {
    if (!('type' in raw)) return { choice: { name: raw.name } };
    if (raw.type === 'function') return { choice: { name: raw.function.name } };
    if (raw.type === 'allowed_tools') {
      const names = new Set<string>();
      for (const t of raw.allowed_tools.tools) {
        const name = (t as { function?: { name?: unknown } }).function?.name;
        if (typeof name === 'string') names.add(name);
      }
      return {
        choice: raw.allowed_tools.mode === 'required' ? 'required' : 'auto',
        allowed: names,
      };
    }
  }
  throw invalidRequest(
    'unsupported_tool_choice',
    field,
    `${field} ${JSON.stringify(raw)} is not supported; use none, auto, required, a named function or allowed_tools.`,
  );
}

const unsupported = unsupportedParam;

/** Anthropic's `tool_choice` for a Converse one, with parallel tool use switched off. */
function anthropicToolChoice(choice: ToolChoice | undefined): Record<string, unknown> {
  const name = choice?.tool?.name;
  if (name !== undefined) return { type: 'tool', name, disable_parallel_tool_use: true };
  return { type: choice?.any !== undefined ? 'any' : 'auto', disable_parallel_tool_use: true };
}

/**
 * OpenAI `tools`/`functions` + `tool_choice`/`function_call` -> Converse `toolConfig`.
 * `tool_choice: none`, a model without tool use, or no tools at all mean no `toolConfig`: the
 * caller then renders tool history as text (Converse has no "none" choice, and it rejects tool
 * blocks in the history without a `toolConfig`).
 */
export function convertTools(request: ChatCompletionRequest, ctx: ConversionState): ConvertedTools {
  const { defs } = functionDefinitions(request);
  const { choice, allowed } = normalizeChoice(request);
  const field = choiceField(request);
  if (defs.length === 0) {
    if (typeof choice === 'object' || choice === 'required') {
      throw invalidRequest(
        'tool_choice_without_tools',
        field,
        `${field} asks for a tool call but the request has no tools.`,
      );
    }
    return { offered: false };
  }
  if (choice === 'none') return { offered: false };
  if (ctx.options.supportsToolUse === false) {
    if (choice !== 'auto') {
      unsupported(
        ctx,
        field,
        `${field} requires a tool call, but this model does not support tool use.`,
      );
    }
    ctx.dropped.push('tools');
    return { offered: false };
  }
  const serial = request.parallel_tool_calls === false && ctx.rules.disableParallelToolUse === true;
  if (request.parallel_tool_calls === false && !serial) {
    unsupported(
      ctx,
      'parallel_tool_calls',
      'parallel_tool_calls: false cannot be enforced for this model through Converse.',
    );
  }
  const tools: Tool[] = [];
  const seen = new Set<string>();
  for (const { def, param, cache } of defs) {
    if (typeof def.name !== 'string' || def.name === '') {
      throw invalidRequest(
        'invalid_tool_name',
        `${param}.name`,
        `${param}.name must be a non-empty string.`,
      );
    }
    if (seen.has(def.name)) {
      throw invalidRequest(
        'duplicate_tool_name',
        `${param}.name`,
        `${param}.name "${def.name}" is defined twice.`,
      );
    }
    seen.add(def.name);
    if (allowed !== undefined && !allowed.has(def.name)) continue;
    const spec: Tool.ToolSpecMember['toolSpec'] = {
      name: ctx.toolNames.toBedrock(def.name),
      inputSchema: { json: toolInputSchema(def.parameters, `${param}.parameters`) as never },
    };
    if (typeof def.description === 'string' && def.description.trim() !== '') {
      spec.description = def.description;
    }
    tools.push({ toolSpec: spec });
    if (hasCacheMarker(cache) && ctx.cacheAllowed('tools')) {
      const ttl = cacheTtl(cache);
      tools.push({
        cachePoint: ttl === undefined ? { type: 'default' } : { type: 'default', ttl },
      });
    }
  }
  if (tools.length === 0) return { offered: false };
  const done = (toolConfig: ToolConfiguration): ConvertedTools =>
    serial
      ? {
          toolConfig,
          offered: true,
          anthropicToolChoice: anthropicToolChoice(toolConfig.toolChoice),
        }
      : { toolConfig, offered: true };
  // `auto` is Converse's default: leaving toolChoice out keeps models that lack toolChoice happy.
  if (choice === 'auto') return done({ tools });
  if (ctx.rules.forcedToolChoice === false) {
    adjustedParam(ctx, {
      param: 'tool_choice',
      code: 'unsupported_parameter',
      reason:
        'This model cannot be forced to call a tool (Bedrock accepts only "auto" for it): send tool_choice "auto".',
      adjusted: `sent as "auto": this model cannot be forced to call a tool.`,
    });
    return done({ tools });
  }
  let toolChoice: ToolChoice;
  if (choice === 'required') toolChoice = { any: {} };
  else {
    if (!seen.has(choice.name)) {
      throw invalidRequest(
        'unknown_tool_choice',
        field,
        `${field} names "${choice.name}", which is not among the ${field === 'function_call' ? 'functions' : 'tools'}.`,
      );
    }
    toolChoice = { tool: { name: ctx.toolNames.toBedrock(choice.name) } };
  }
  return done({ tools, toolChoice });
}
