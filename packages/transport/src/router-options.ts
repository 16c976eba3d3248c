import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import type { TransportCredentials, TransportOptions } from './transport-options.js';

/** One place calls can go: a region of an account, with its own identity and endpoint. */
export interface UpstreamOptions {
  /** AWS region of this upstream. Required. */
  region: string;
  /**
   * Name in events, logs and metrics (never a secret). Default: the region, with `-2`, `-3`...
   * appended when several upstreams share one.
   */
  name?: string;
  /** Shared config profile for this upstream's identity. Default: the router's environment. */
  profile?: string;
  /** Static credentials for this upstream (e.g. another account). Default: the router's environment. */
  credentials?: TransportCredentials;
  /** Bedrock API key for this upstream. Default: `AWS_BEARER_TOKEN_BEDROCK`. */
  token?: string;
  /** Runtime endpoint URL. Default: the AWS endpoint of `region` (or the environment's override). */
  endpoint?: string;
  /** Control-plane endpoint URL. Default: `endpoint` when given, else the AWS endpoint of `region`. */
  controlEndpoint?: string;
  /**
   * Share of first attempts this upstream gets among the healthy ones (a number > 0).
   * Default `1`. Failovers go to the others by descending weight.
   */
  weight?: number;
}

/** What a router tells about one upstream (for model resolution, readiness and metrics). */
export interface UpstreamInfo {
  readonly name: string;
  readonly region: string;
  readonly weight: number;
}

/**
 * Cool-downs shared between processes (several gateway replicas): when one opens an upstream's
 * circuit, the others stop calling it too. Values are epoch milliseconds.
 */
export interface SharedCooldowns {
  /** When the upstream's cool-down ends, if one is known. */
  get(upstream: string): Promise<number | undefined>;
  /** Records a cool-down that ends at `until`. */
  set(upstream: string, until: number): Promise<void>;
}

/** Options of `createRouter`: the transport options every upstream shares, and the upstreams. */
export interface RouterOptions
  extends Omit<
    TransportOptions,
    'region' | 'endpoint' | 'controlEndpoint' | 'credentials' | 'token' | 'profile'
  > {
  /** Where calls go; at least one. */
  upstreams: UpstreamOptions[];
  /**
   * The model id to send to an upstream, from the id in the call (e.g. the right geography's
   * inference profile for the upstream's region). Default: the id unchanged.
   */
  modelIdFor?: (modelId: string, upstream: UpstreamInfo) => string;
  /** The circuit breaker of each upstream. Defaults: see `CIRCUIT_DEFAULTS`. */
  circuit?: Omit<CircuitBreakerOptions, 'now'>;
  /** Where cool-downs are shared with other processes. Default: none (this process only). */
  cooldowns?: SharedCooldowns;
}

function invalid(param: string, problem: string): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'validation',
    message: `Invalid router option ${param}: ${problem}`,
    param,
  });
}

/** Validates the upstream list and gives each upstream its name and weight. */
export function normalizeUpstreams(
  upstreams: readonly UpstreamOptions[] | undefined,
): Array<UpstreamOptions & UpstreamInfo> {
  if (!Array.isArray(upstreams) || upstreams.length === 0) {
    throw invalid('upstreams', 'give at least one upstream');
  }
  const seen = new Map<string, number>();
  const names = new Set<string>();
  return upstreams.map((u, i) => {
    if (typeof u?.region !== 'string' || u.region.trim() === '') {
      throw invalid(`upstreams[${i}].region`, 'a region name is required');
    }
    const weight = u.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw invalid(`upstreams[${i}].weight`, `${String(weight)} is not a number > 0`);
    }
    let name = u.name;
    if (name === undefined) {
      const n = (seen.get(u.region) ?? 0) + 1;
      seen.set(u.region, n);
      name = n === 1 ? u.region : `${u.region}-${n}`;
    }
    if (typeof name !== 'string' || name.trim() === '') {
      throw invalid(`upstreams[${i}].name`, 'must be a non-empty string');
    }
    if (names.has(name)) throw invalid(`upstreams[${i}].name`, `${name} is used twice`);
    names.add(name);
    return { ...u, name, weight };
  });
}
