import type { ResponsesRequest } from '@bedrock-bridge/format/responses';
import type { OpenAIBackend } from '@bedrock-bridge/openai';
import type { AliasDefaults, GatewayConfig } from './gateway-config.js';

/** An alias after parsing: the Bedrock model it stands for and its default parameters. */
export interface ModelAlias {
  model: string;
  defaults: AliasDefaults;
}

/** The config's `aliases` as a lookup table. */
export function modelAliases(config: GatewayConfig['aliases']): Map<string, ModelAlias> {
  const table = new Map<string, ModelAlias>();
  for (const [name, value] of Object.entries(config ?? {})) {
    table.set(
      name,
      typeof value === 'string'
        ? { model: value, defaults: {} }
        : { model: value.model, defaults: value.defaults ?? {} },
    );
  }
  return table;
}

/**
 * The backend with model aliases: a request for an alias (`gpt-4o`) goes to its Bedrock model,
 * with the alias's default parameters for the fields the request leaves unset (a request's own
 * value always wins). Other model ids pass through unchanged. `GET /v1/models` lists the aliases
 * too, so clients that check the list find them.
 */
export function aliasedBackend(
  backend: OpenAIBackend,
  aliases: Map<string, ModelAlias>,
): OpenAIBackend {
  if (aliases.size === 0) return backend;
  const resolve = <R extends { model: string }>(request: R): R => {
    const alias = aliases.get(request.model);
    if (alias === undefined) return request;
    const merged: Record<string, unknown> = { ...request, model: alias.model };
    for (const [key, value] of Object.entries(alias.defaults)) {
      if (merged[key] === undefined || merged[key] === null) merged[key] = value;
    }
    return merged as R;
  };
  /** A Responses request: the alias's model and its defaults under their Responses names. */
  const resolveResponses = (request: ResponsesRequest): ResponsesRequest => {
    const alias = request.model === undefined ? undefined : aliases.get(request.model);
    if (alias === undefined) return request;
    const d = alias.defaults;
    const merged: ResponsesRequest = { ...request, model: alias.model };
    if (merged.temperature == null && d.temperature !== undefined)
      merged.temperature = d.temperature;
    if (merged.top_p == null && d.top_p !== undefined) merged.top_p = d.top_p;
    const maxTokens = d.max_completion_tokens ?? d.max_tokens;
    if (merged.max_output_tokens == null && maxTokens !== undefined)
      merged.max_output_tokens = maxTokens;
    if (merged.reasoning?.effort == null && d.reasoning_effort !== undefined)
      merged.reasoning = { ...merged.reasoning, effort: d.reasoning_effort };
    return merged;
  };
  const responses = backend.responses;
  return {
    ...backend,
    ...(responses
      ? {
          responses: {
            ...responses,
            create: (request, call) => responses.create(resolveResponses(request), call),
            stream: (request, call) => responses.stream(resolveResponses(request), call),
          },
        }
      : {}),
    complete: (request, call) => backend.complete(resolve(request), call),
    stream: (request, call) => backend.stream(resolve(request), call),
    async listModels(signal) {
      const models = await backend.listModels(signal);
      const extra = [...aliases].map(([id, alias]) => ({
        id,
        object: 'model' as const,
        created: 0,
        owned_by: 'bedrock-bridge',
        alias_of: alias.model,
      }));
      return [...models, ...extra];
    },
  };
}
