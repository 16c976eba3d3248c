import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { DiscoveredModel } from './discovered-model.js';
import { getModelCapabilities } from './get-model-capabilities.js';
import { profilePrefixesForRegion } from './region-prefixes.js';
import type { ResolvedModelId } from './resolve-model-id.js';

/** Model ids compare case-insensitively. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Builds the result (adds `input` and capabilities); provided by `resolveModelId`. */
export type BuildResolution = (
  fields: Omit<ResolvedModelId, 'input' | 'capabilities'> & { capabilitiesOf?: string },
) => ResolvedModelId;

/**
 * The rules for a bare foundation-model id (no profile prefix, not an ARN): kept when callable
 * on demand (per discovery, else the table), else the caller's geography profile, then `global.`.
 */
export function resolveBareModelId(
  bare: string,
  contextSuffix: number | undefined,
  region: string,
  discovered: readonly DiscoveredModel[] | undefined,
  result: BuildResolution,
): ResolvedModelId {
  const candidates = profilePrefixesForRegion(region);
  const base = { foundationModelId: bare };
  if (contextSuffix !== undefined) {
    return result({
      ...base,
      modelId: bare,
      via: 'as-is',
      profilePrefix: undefined,
      reason: `${bare} is a provisioned-throughput context variant; kept as-is (invoke it through a provisioned model ARN)`,
      offline: discovered === undefined,
    });
  }

  if (discovered !== undefined) {
    const fm = discovered.find((m) => m.resourceType === 'foundation-model' && sameId(m.id, bare));
    if (fm?.onDemand === true) {
      return result({
        ...base,
        modelId: fm.id,
        via: 'as-is',
        profilePrefix: undefined,
        reason: `${fm.id} supports ON_DEMAND in ${region} (ListFoundationModels)`,
        offline: false,
      });
    }
    for (const prefix of candidates) {
      const profile = discovered.find(
        (m) => m.resourceType === 'inference-profile' && sameId(m.id, `${prefix}.${bare}`),
      );
      if (profile !== undefined) {
        const why = fm === undefined ? 'is not listed as an on-demand model' : 'lacks ON_DEMAND';
        return result({
          ...base,
          modelId: profile.id,
          via: 'profile',
          profilePrefix: prefix,
          reason: `${bare} ${why} in ${region}; using the ${prefix}. inference profile listed by ListInferenceProfiles`,
          offline: false,
        });
      }
    }
    if (fm !== undefined) {
      throw new BedrockBridgeError({
        kind: 'on_demand_unsupported',
        message: `${bare} does not support on-demand throughput in ${region} and no inference profile for it (${candidates.map((p) => `${p}.`).join(', ') || 'none for this partition'}) is listed there; use a region with a profile for it or provisioned throughput`,
        param: 'model',
      });
    }
    // Not listed at all (other provider filter, or not offered here): fall back to the tables.
  }

  const caps = getModelCapabilities(bare);
  const prefix0 =
    discovered === undefined ? '' : `${bare} is not in the discovered list for ${region}; `;
  if (caps.match === 'none' || caps.onDemand) {
    const why =
      caps.match === 'none'
        ? 'unknown to the built-in table, so it is assumed callable on demand'
        : 'callable on demand per the built-in table';
    return result({
      ...base,
      modelId: bare,
      via: 'as-is',
      profilePrefix: undefined,
      reason: `${prefix0}${bare} is ${why}`,
      offline: true,
    });
  }
  const known = caps.profiles;
  const chosen = known.length > 0 ? candidates.find((p) => known.includes(p)) : candidates[0];
  if (chosen === undefined) {
    const guess = candidates[0];
    if (guess === undefined) {
      return result({
        ...base,
        modelId: bare,
        via: 'as-is',
        profilePrefix: undefined,
        reason: `${prefix0}${bare} needs an inference profile, but none is known for ${region}'s partition; kept as-is`,
        offline: true,
      });
    }
    return result({
      ...base,
      modelId: `${guess}.${bare}`,
      via: 'profile',
      profilePrefix: guess,
      reason: `${prefix0}${bare} needs an inference profile; the built-in table knows none for ${region} (known: ${known.join(', ')}), so ${guess}. is a guess - run discoverModels to verify`,
      offline: true,
    });
  }
  return result({
    ...base,
    modelId: `${chosen}.${bare}`,
    via: 'profile',
    profilePrefix: chosen,
    reason: `${prefix0}${bare} is profile-only per the built-in table; using the ${chosen}. profile for ${region} (offline, not verified against ListInferenceProfiles)`,
    offline: true,
  });
}
