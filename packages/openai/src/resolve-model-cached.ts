import {
  type DiscoveredModel,
  type ResolvedModelId,
  type ResolveModelIdOptions,
  resolveModelId,
} from '@bedrock-bridge/models';

/** Ids kept per discovered list (or per region offline); past it the table starts over. */
const MAX_IDS = 256;

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

/**
 * `resolveModelId`, remembered. It is pure and its answer frozen, so the answer for one id, one
 * region and one discovered list (by identity: a refresh is a new list) is worked out once
 * instead of on every call. Failures are not remembered (they are thrown again, as computed).
 */
export function resolveModelCached(id: string, options: ResolveModelIdOptions): ResolvedModelId {
  if (typeof options.region !== 'string') return resolveModelId(id, options);
  const table = tableFor(options);
  const known = table.get(id);
  if (known !== undefined) return known;
  const resolved = resolveModelId(id, options);
  if (table.size >= MAX_IDS) table.clear();
  table.set(id, resolved);
  return resolved;
}
