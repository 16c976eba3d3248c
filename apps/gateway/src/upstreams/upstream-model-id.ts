import { resolveModelId } from '@bedrock-bridge/models';
import type { UpstreamInfo } from '@bedrock-bridge/transport';

/**
 * The model id to send to one upstream of a router. The recipe resolves the id once, for the
 * first upstream's region; a geography profile (`us.…`, `eu.…`, `apac.…`) only answers inside its
 * geography, so for another region the foundation model is resolved again there (`eu.…` for
 * eu-west-1). `global.…` profiles, ARNs and on-demand ids are sent unchanged; an id the tables
 * cannot place is sent unchanged too (the upstream's answer then says what is wrong).
 */
export function upstreamModelId(modelId: string, upstream: UpstreamInfo): string {
  try {
    const here = resolveModelId(modelId, { region: upstream.region });
    if (
      here.via !== 'profile-id' ||
      here.profilePrefix === undefined ||
      here.profilePrefix === 'global' ||
      here.foundationModelId === undefined
    ) {
      return here.modelId;
    }
    return resolveModelId(here.foundationModelId, { region: upstream.region }).modelId;
  } catch {
    return modelId;
  }
}
