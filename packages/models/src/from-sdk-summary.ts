/**
 * Converts the control plane's listings (`ListFoundationModels`, `ListInferenceProfiles`,
 * `GetInferenceProfile`) into `DiscoveredModel`s. The only module of the package's facts side that
 * knows the AWS SDK's shapes, so `discovered-model.ts` (and `/facts`) stay free of them.
 */
import type {
  FoundationModelSummary,
  GetInferenceProfileResponse,
  InferenceProfileSummary,
} from '@aws-sdk/client-bedrock';
import type { DiscoveredModel } from './discovered-model.js';
import { getModelCapabilities } from './get-model-capabilities.js';
import type { ModelCapabilities } from './model-capabilities.js';
import { splitProfilePrefix } from './region-prefixes.js';

/** `anthropic.claude-3-haiku-20240307-v1:0` from `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`. */
export function foundationIdFromArn(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const at = arn.indexOf(':foundation-model/');
  return at === -1 ? undefined : arn.slice(at + ':foundation-model/'.length);
}

function providerOf(foundationId: string | undefined): string {
  if (foundationId === undefined) return '';
  const dot = foundationId.indexOf('.');
  return dot === -1 ? '' : foundationId.slice(0, dot).toLowerCase();
}

/** Modalities the built-in table implies, for profiles whose foundation model was not listed. */
function impliedInputs(caps: ModelCapabilities): string[] {
  const out = ['TEXT'];
  if (caps.vision) out.push('IMAGE');
  if (caps.video) out.push('VIDEO');
  return out;
}

export function fromFoundationSummary(summary: FoundationModelSummary): DiscoveredModel {
  const id = (summary.modelId ?? '').trim();
  const caps = getModelCapabilities(id);
  const inferenceTypes = [...(summary.inferenceTypesSupported ?? [])];
  const provider = providerOf(id);
  return {
    id,
    name: (summary.modelName ?? '').trim() || id,
    resourceType: 'foundation-model',
    kind: 'foundation-model',
    arn: summary.modelArn,
    provider,
    providerName: (summary.providerName ?? '').trim() || provider,
    foundationModelId: id,
    profilePrefix: undefined,
    inputModalities: [...(summary.inputModalities ?? [])],
    outputModalities: [...(summary.outputModalities ?? [])],
    streaming: summary.responseStreamingSupported === true,
    onDemand: inferenceTypes.includes('ON_DEMAND'),
    inferenceTypes,
    contextLength: caps.contextWindow,
    capabilities: caps,
  };
}

/**
 * A profile entry. `foundations` (lower-case id -> entry) supplies modalities and provider name
 * when the profile's model was listed too.
 */
export function fromProfileSummary(
  summary: InferenceProfileSummary | GetInferenceProfileResponse,
  foundations: ReadonlyMap<string, DiscoveredModel>,
): DiscoveredModel {
  const profileId = (summary.inferenceProfileId ?? '').trim();
  const application = summary.type === 'APPLICATION';
  const modelArns = (summary.models ?? []).map((m) => m.modelArn);
  const fromArns = modelArns.map(foundationIdFromArn).find((x) => x !== undefined);
  const split = application ? undefined : splitProfilePrefix(profileId);
  const foundationModelId = fromArns ?? split?.rest;
  const base =
    foundationModelId === undefined ? undefined : foundations.get(foundationModelId.toLowerCase());
  const caps = getModelCapabilities(
    application ? (foundationModelId ?? summary.inferenceProfileArn ?? profileId) : profileId,
  );
  const provider = providerOf(foundationModelId);
  const id = application ? (summary.inferenceProfileArn ?? profileId) : profileId;
  const resourceType = application ? 'application-profile' : 'inference-profile';
  return {
    id,
    name: (summary.inferenceProfileName ?? '').trim() || profileId,
    resourceType,
    kind: resourceType,
    arn: summary.inferenceProfileArn,
    provider,
    providerName: base?.providerName ?? provider,
    foundationModelId,
    profilePrefix: split?.prefix,
    inputModalities: base?.inputModalities ?? impliedInputs(caps),
    outputModalities: base?.outputModalities ?? ['TEXT'],
    streaming: base?.streaming ?? caps.chat,
    onDemand: true,
    inferenceTypes: [],
    contextLength: caps.contextWindow,
    capabilities: caps,
  };
}
