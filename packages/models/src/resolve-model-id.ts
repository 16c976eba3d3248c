import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { DiscoveredModel } from './discovered-model.js';
import { getModelCapabilities } from './get-model-capabilities.js';
import type { ModelCapabilities } from './model-capabilities.js';
import { parseModelId } from './parse-model-id.js';
import { profilePrefixesForRegion } from './region-prefixes.js';
import { resolveBareModelId, sameId } from './resolve-bare-model-id.js';

export interface ResolveModelIdOptions {
  /** The caller's AWS region (e.g. `eu-west-1`): picks the profile geography. Required. */
  region: string;
  /**
   * The result of `discoverModels` for the same region. With it, on-demand support and profile
   * existence come from the control plane; without it, from the built-in tables (`offline: true`).
   * Default: undefined (offline).
   */
  discovered?: readonly DiscoveredModel[] | undefined;
}

/** How the id to send was arrived at. */
export type ResolutionVia =
  /** A bare foundation-model id sent unchanged (on-demand, or not known to need a profile). */
  | 'as-is'
  /** A bare id rewritten to the cross-Region profile for the caller's geography. */
  | 'profile'
  /** A system-defined profile id (`us.…`, `global.…`) given and kept. */
  | 'profile-id'
  /** A foundation-model, inference-profile, provisioned or other ARN given and kept. */
  | 'arn'
  /** An application inference profile ARN, kept; its model comes from discovery when known. */
  | 'application-profile';

export interface ResolvedModelId {
  /** The id as given (trimmed). */
  readonly input: string;
  /** What to send to Bedrock as `modelId`. */
  readonly modelId: string;
  /** The foundation model behind it, when known (for metadata and capabilities). */
  readonly foundationModelId: string | undefined;
  readonly via: ResolutionVia;
  /** `us`, `eu`, `global`, ... when `modelId` is a system profile. */
  readonly profilePrefix: string | undefined;
  /** One sentence for humans: why this id. */
  readonly reason: string;
  /** True when the decision rests on the built-in tables only (no discovery data used). */
  readonly offline: boolean;
  /** Capabilities of the foundation model (defaults with `known: false` when it is unknown). */
  readonly capabilities: ModelCapabilities;
}

/**
 * Decides what `modelId` to send for `id` from `region`, and says why. Synchronous and pure.
 *
 * Rules: a bare foundation id that lacks ON_DEMAND becomes the profile of the caller's geography
 * (`us.` for us-*, `eu.` for eu-*, `jp.`/`au.` for Tokyo/Osaka and Sydney/Melbourne where such a
 * profile exists, else `apac.` for ap-*, `ca.` for ca-*, `us-gov.` for GovCloud), then `global.`;
 * bare on-demand ids, profile ids and ARNs are kept; an application inference profile ARN is kept
 * and its foundation model is taken from `discovered`.
 *
 * Throws `validation` for a malformed id or missing region, and `on_demand_unsupported` when
 * discovery shows the model lacks ON_DEMAND and no profile for it is reachable from `region`.
 */
export function resolveModelId(id: string, options: ResolveModelIdOptions): ResolvedModelId {
  return Object.freeze(computeResolution(id, options));
}

function computeResolution(id: string, options: ResolveModelIdOptions): ResolvedModelId {
  const region = typeof options?.region === 'string' ? options.region.trim() : '';
  if (region === '') {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: 'resolveModelId needs options.region (e.g. "us-east-1") to pick a profile geography',
      param: 'region',
    });
  }
  const parsed = parseModelId(id);
  const discovered = options.discovered;
  const input = parsed.input;
  const result = (
    fields: Omit<ResolvedModelId, 'input' | 'capabilities'> & { capabilitiesOf?: string },
  ): ResolvedModelId => {
    const { capabilitiesOf, ...rest } = fields;
    return {
      input,
      ...rest,
      capabilities: getModelCapabilities(capabilitiesOf ?? fields.foundationModelId ?? input),
    };
  };

  // An ARN that discovery lists as an application profile is one, whatever its resource type says.
  const application =
    parsed.arn === undefined
      ? undefined
      : discovered?.find(
          (m) => m.resourceType === 'application-profile' && (m.arn === input || m.id === input),
        );
  const form = application === undefined ? parsed.form : 'application-profile-arn';

  switch (form) {
    case 'application-profile-arn': {
      const entry = application;
      if (entry?.foundationModelId !== undefined) {
        return result({
          modelId: input,
          foundationModelId: entry.foundationModelId,
          via: 'application-profile',
          profilePrefix: undefined,
          reason: `application inference profile kept; discovery says it routes to ${entry.foundationModelId}`,
          offline: false,
        });
      }
      return result({
        modelId: input,
        foundationModelId: undefined,
        via: 'application-profile',
        profilePrefix: undefined,
        reason:
          'application inference profile kept; its ARN does not name the model, so capabilities are the conservative defaults. Resolve it with describeInferenceProfile({ transport, id }) (GetInferenceProfile) or pass discovered from discoverModels({ applicationProfiles: true })',
        offline: true,
      });
    }
    case 'other-arn':
      return result({
        modelId: input,
        foundationModelId: undefined,
        via: 'arn',
        profilePrefix: undefined,
        reason: `${parsed.arn?.resourceType ?? 'resource'} ARN kept; it does not name a foundation model, so capabilities are the conservative defaults`,
        offline: true,
      });
    case 'inference-profile-arn':
    case 'profile': {
      const foundation = parsed.foundationModelId;
      const prefix = parsed.profilePrefix;
      const notes: string[] = [];
      const reachable = profilePrefixesForRegion(region);
      const geo = prefix === 'ap' ? 'apac' : prefix;
      if (geo !== undefined && !reachable.includes(geo)) {
        notes.push(`note: ${prefix}. profiles are normally not callable from ${region}`);
      }
      let offline = true;
      if (discovered !== undefined && parsed.form === 'profile') {
        offline = false;
        if (
          !discovered.some((m) => m.resourceType === 'inference-profile' && sameId(m.id, input))
        ) {
          notes.push(`note: ${input} is not in the discovered list for ${region}`);
        }
      }
      const what = parsed.form === 'profile' ? 'inference profile id' : 'inference profile ARN';
      return result({
        modelId: input,
        foundationModelId: foundation,
        via: parsed.form === 'profile' ? 'profile-id' : 'arn',
        profilePrefix: prefix,
        reason: [`${what} kept (routes to ${foundation ?? 'an unknown model'})`, ...notes].join(
          '; ',
        ),
        offline,
      });
    }
    case 'foundation-model-arn': {
      const foundation = parsed.foundationModelId as string;
      const caps = getModelCapabilities(foundation);
      const warn =
        caps.known && !caps.onDemand
          ? `; note: ${foundation} is profile-only in the built-in table, so a foundation-model ARN likely fails with an on-demand throughput error - use an inference profile`
          : '';
      return result({
        modelId: input,
        foundationModelId: foundation,
        via: 'arn',
        profilePrefix: undefined,
        reason: `foundation-model ARN kept${warn}`,
        offline: true,
      });
    }
    case 'bare':
      return resolveBareModelId(
        parsed.foundationModelId as string,
        parsed.contextSuffixTokens,
        region,
        discovered,
        result,
      );
    default: {
      const never: never = form;
      throw new Error(`unhandled model id form ${String(never)}`);
    }
  }
}
