import type { GatewayBackend } from '../server/gateway-backend.js';
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
  backend: GatewayBackend,
  aliases: Map<string, ModelAlias>,
): GatewayBackend {
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
  return {
    ...backend,
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
