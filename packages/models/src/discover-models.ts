import {
  type InferenceProfileSummary,
  type InferenceProfileType,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import { BedrockBridgeError, toBedrockBridgeError } from '@bedrock-bridge/errors';
import {
  createTransport,
  resolveRegion,
  type Transport,
  type TransportOptions,
} from '@bedrock-bridge/transport';
import { assembleModelList } from './assemble-model-list.js';
import type { DiscoveredModel } from './discovered-model.js';

/** What `onRefreshError` is told besides the error. */
export interface RefreshErrorInfo {
  region: string;
  /** Age of the list being served instead, in ms. */
  staleForMs: number;
  /** Number of entries in that list. */
  models: number;
}

export interface DiscoverModelsOptions {
  /**
   * Transport whose control plane is asked (`transport.control.send`). Default: a transport made
   * with `createTransport({ ...transportOptions, region })` for this call and closed after it.
   */
  transport?: Transport | undefined;
  /**
   * Region to list. Default: the transport's region, else `AWS_REGION` / `AWS_DEFAULT_REGION` /
   * the shared config profile / `us-east-1` (`resolveRegion`). With a `transport`, it must be the
   * transport's region (a `validation` error otherwise).
   */
  region?: string | undefined;
  /** Keep only these providers (provider name or id prefix, any case: `anthropic`, `Meta`). Default: all. */
  providers?: readonly string[] | undefined;
  /** How long a fetched list is served before it is fetched again, in ms. Default `3600000` (1 h). */
  ttlMs?: number | undefined;
  /**
   * After a failed refresh, how long the last good list is served before the next attempt, in ms.
   * Default: the smaller of `ttlMs` and `60000`.
   */
  retryAfterFailureMs?: number | undefined;
  /**
   * Also list application inference profiles (a second `ListInferenceProfiles` with
   * `typeEquals: APPLICATION`), so `resolveModelId` can resolve their ARNs. Default `false`.
   */
  applicationProfiles?: boolean | undefined;
  /** Keep foundation models in `LEGACY` lifecycle (still callable until end of life). Default `false`. */
  includeLegacy?: boolean | undefined;
  /** `maxResults` of each `ListInferenceProfiles` page (1..1000). Default: the service's. */
  pageSize?: number | undefined;
  /**
   * Called when a refresh fails and the last good list is served instead. Not called when there is
   * no list to serve (then `discoverModels` rejects). A hook that throws is ignored.
   */
  onRefreshError?: ((error: BedrockBridgeError, info: RefreshErrorInfo) => void) | undefined;
  /**
   * Where fetched lists are kept between calls (per transport, region and filter), owned by the
   * caller: pass the same `DiscoveryCache` to share lists and in-flight requests. Default: none,
   * every call asks the control plane.
   */
  cache?: DiscoveryCache | undefined;
  /** Clock for the TTL, in ms. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Options for the transport made when `transport` is not given (region is taken from `region`). */
  transportOptions?: TransportOptions | undefined;
}

/** @internal One cached list and its refresh state. */
export interface DiscoveryCacheEntry {
  models: DiscoveredModel[] | undefined;
  fetchedAt: number;
  retryAt: number | undefined;
  inflight: Promise<DiscoveredModel[]> | undefined;
}

const DEFAULT_TTL_MS = 3_600_000;

/**
 * The lists `discoverModels` fetched, kept by the instance that uses them (a gateway, a CLI run):
 * per transport (entries go with their transport), region and filter.
 */
export class DiscoveryCache {
  #byTransport = new WeakMap<Transport, Map<string, DiscoveryCacheEntry>>();
  readonly #ownTransport = new Map<string, DiscoveryCacheEntry>();

  /** @internal The entries of lists fetched through `transport` (through a made one when undefined). */
  entries(transport: Transport | undefined): Map<string, DiscoveryCacheEntry> {
    if (transport === undefined) return this.#ownTransport;
    let table = this.#byTransport.get(transport);
    if (table === undefined) {
      table = new Map();
      this.#byTransport.set(transport, table);
    }
    return table;
  }

  /** Forgets every cached list (after changing access, for example). */
  clear(): void {
    this.#ownTransport.clear();
    this.#byTransport = new WeakMap();
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `discoverModels: ${name} must be a finite number >= 0, got ${value}`,
      param: name,
    });
  }
  return value;
}

/**
 * Lists the models and inference profiles a region offers: foundation models that are ACTIVE,
 * produce TEXT and stream, plus every inference profile (all pages), deduplicated and sorted
 * (global profiles first, then by name). Each entry carries provider, modalities, whether it can
 * be called on demand, its context length and capabilities.
 *
 * With a `cache`, lists are kept per transport, region and filter for `ttlMs` and concurrent
 * callers share one request. When a refresh fails the last good list is served and `onRefreshError` is told; with no good list the
 * classified `BedrockBridgeError` is thrown (never an empty list).
 */
export async function discoverModels(
  options: DiscoverModelsOptions = {},
): Promise<DiscoveredModel[]> {
  const ttlMs = positive('ttlMs', options.ttlMs, DEFAULT_TTL_MS);
  const retryMs = positive(
    'retryAfterFailureMs',
    options.retryAfterFailureMs,
    Math.min(ttlMs, 60_000),
  );
  if (
    options.pageSize !== undefined &&
    (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > 1000)
  ) {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `discoverModels: pageSize must be an integer 1..1000, got ${options.pageSize}`,
      param: 'pageSize',
    });
  }
  const now = options.now ?? Date.now;
  const asked = options.region?.trim();
  const transportRegion = options.transport?.region.region;
  if (asked && transportRegion !== undefined && asked !== transportRegion) {
    // A transport's control plane answers for its own region only: listing it under another
    // region's name would cache a wrong list there and steer resolveModelId wrongly.
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `discoverModels: region "${asked}" differs from the transport's region "${transportRegion}"; a transport lists its own region. Pass a transport made for "${asked}", or leave out transport or region.`,
      param: 'region',
    });
  }
  const region =
    asked ||
    transportRegion ||
    options.transportOptions?.region ||
    resolveRegion(options.transportOptions?.env ?? process.env).region;
  const providers = [...new Set((options.providers ?? []).map((p) => p.trim().toLowerCase()))]
    .filter((p) => p !== '')
    .sort();
  const key = [
    region,
    providers.join(','),
    options.applicationProfiles === true ? 'app' : '',
    options.includeLegacy === true ? 'legacy' : '',
    options.transport === undefined ? JSON.stringify(options.transportOptions ?? {}) : '',
  ].join('|');

  const table = options.cache?.entries(options.transport) ?? new Map<string, DiscoveryCacheEntry>();
  let entry = table.get(key);
  if (entry === undefined) {
    entry = { models: undefined, fetchedAt: 0, retryAt: undefined, inflight: undefined };
    table.set(key, entry);
  }

  const t = now();
  if (entry.models !== undefined) {
    if (t - entry.fetchedAt < ttlMs) return entry.models;
    if (entry.retryAt !== undefined && t < entry.retryAt) return entry.models;
  }
  if (entry.inflight !== undefined) return entry.inflight;

  const current = entry;
  const run = async (): Promise<DiscoveredModel[]> => {
    try {
      const models = await fetchModels(options, region, providers);
      current.models = models;
      current.fetchedAt = now();
      current.retryAt = undefined;
      return models;
    } catch (err) {
      const error = toBedrockBridgeError(err);
      if (current.models === undefined) throw error;
      const at = now();
      current.retryAt = at + retryMs;
      try {
        options.onRefreshError?.(error, {
          region,
          staleForMs: at - current.fetchedAt,
          models: current.models.length,
        });
      } catch {
        // A faulty hook must not turn a served list into a failure.
      }
      return current.models;
    } finally {
      current.inflight = undefined;
    }
  };
  current.inflight = run();
  return current.inflight;
}

async function fetchModels(
  options: DiscoverModelsOptions,
  region: string,
  providers: readonly string[],
): Promise<DiscoveredModel[]> {
  const own = options.transport === undefined;
  const transport = options.transport ?? createTransport({ ...options.transportOptions, region });
  try {
    const listed = await transport.control.send(new ListFoundationModelsCommand({}));
    const profileSummaries = await listProfiles(transport, undefined, options.pageSize);
    if (options.applicationProfiles === true) {
      profileSummaries.push(...(await listProfiles(transport, 'APPLICATION', options.pageSize)));
    }
    return assembleModelList(
      listed.modelSummaries ?? [],
      profileSummaries,
      providers,
      options.includeLegacy === true,
    );
  } finally {
    if (own) await transport.close();
  }
}

async function listProfiles(
  transport: Transport,
  type: InferenceProfileType | undefined,
  pageSize: number | undefined,
): Promise<InferenceProfileSummary[]> {
  const out: InferenceProfileSummary[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await transport.control.send(
      new ListInferenceProfilesCommand({
        ...(pageSize !== undefined ? { maxResults: pageSize } : {}),
        ...(nextToken !== undefined ? { nextToken } : {}),
        ...(type !== undefined ? { typeEquals: type } : {}),
      }),
    );
    out.push(...(page.inferenceProfileSummaries ?? []));
    nextToken = page.nextToken || undefined;
    if (nextToken !== undefined) {
      if (seenTokens.has(nextToken)) {
        throw new BedrockBridgeError({
          kind: 'unknown',
          message: `ListInferenceProfiles returned the same nextToken twice (${nextToken.slice(0, 40)}); stopping to avoid an endless loop`,
        });
      }
      seenTokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return out;
}
