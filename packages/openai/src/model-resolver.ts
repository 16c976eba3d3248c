import {
  type DiscoveredModel,
  type ResolvedModelId,
  type ResolveModelIdOptions,
  resolveModelId,
} from '@bedrock-bridge/models';

/** Resolves a request's `model` for one call: `resolveModelId`'s contract. */
export type ModelResolver = (id: string, options: ResolveModelIdOptions) => ResolvedModelId;

/** Ids kept per discovered list (or per region offline); past it the table starts over. */
const MAX_IDS = 256;

/**
 * `resolveModelId`, remembered by the instance that owns it (one per backend; no module state).
 * `resolveModelId` is pure and its answer frozen, so the answer for one id, one region and one
 * discovered list (by identity: a refresh is a new list, and the old list's table goes with it)
 * is worked out once instead of on every call. Failures are not remembered (they are thrown
 * again, as computed). At most 256 ids per list or region: past that the table starts over.
 */
export function createModelResolver(): ModelResolver {
  const byList = new WeakMap<readonly DiscoveredModel[], Map<string, ResolvedModelId>>();
  const offline = new Map<string, Map<string, ResolvedModelId>>();

  function tableFor(options: ResolveModelIdOptions): Map<string, ResolvedModelId> {
    const list = options.discovered;
    let table = list === undefined ? offline.get(options.region) : byList.get(list);
    if (table === undefined) {
      table = new Map();
      if (list === undefined) offline.set(options.region, table);
      else byList.set(list, table);
    }
    return table;
  }

  return (id, options) => {
    if (typeof options.region !== 'string') return resolveModelId(id, options);
    const table = tableFor(options);
    const known = table.get(id);
    if (known !== undefined) return known;
    const resolved = resolveModelId(id, options);
    if (table.size >= MAX_IDS) table.clear();
    table.set(id, resolved);
    return resolved;
  };
}
