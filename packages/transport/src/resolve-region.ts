import { configProfile, type Env, profileName } from './shared-config.js';

/** Where the region came from. */
export type RegionSource = 'option' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';

/** A region and where it came from. */
export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

/** Explicit values that take precedence over the environment. */
export interface ResolveRegionOptions {
  /** An explicit region (source `option`). */
  region?: string;
  /** Profile to read from the shared config file. Default `AWS_PROFILE`, then `default`. */
  profile?: string;
}

/**
 * Resolves the AWS region: explicit, `AWS_REGION`, `AWS_DEFAULT_REGION`, the shared config
 * profile's `region` (`AWS_PROFILE`, `AWS_CONFIG_FILE`), then `us-east-1`. Synchronous; reads at
 * most one local file; never touches the network.
 */
export function resolveRegion(
  env: Env = process.env,
  options: ResolveRegionOptions = {},
): ResolvedRegion {
  const pick = (value: string | undefined): string | undefined =>
    value !== undefined && value.trim() !== '' ? value.trim() : undefined;
  const explicit = pick(options.region);
  if (explicit !== undefined) return { region: explicit, source: 'option' };
  const fromRegion = pick(env.AWS_REGION);
  if (fromRegion !== undefined) return { region: fromRegion, source: 'AWS_REGION' };
  const fromDefault = pick(env.AWS_DEFAULT_REGION);
  if (fromDefault !== undefined) return { region: fromDefault, source: 'AWS_DEFAULT_REGION' };
  const fromProfile = pick(configProfile(env, profileName(env, options.profile))?.region);
  if (fromProfile !== undefined) return { region: fromProfile, source: 'profile' };
  return { region: 'us-east-1', source: 'default' };
}
