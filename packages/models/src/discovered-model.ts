import type { ModelCapabilities } from './model-capabilities.js';

/** What a discovered entry is: the Bedrock resource type its ARN names. */
export type ModelResourceType = 'foundation-model' | 'inference-profile' | 'application-profile';

/** @deprecated Renamed `ModelResourceType` (`kind` names only error kinds). */
export type DiscoveredKind = ModelResourceType;

/** One model or inference profile the control plane listed. */
export interface DiscoveredModel {
  /**
   * What to send as `modelId`: the foundation-model id, the system profile id (`us.…`), or for an
   * application inference profile its ARN.
   */
  readonly id: string;
  readonly name: string;
  readonly resourceType: ModelResourceType;
  /** @deprecated Renamed `resourceType`. */
  readonly kind: ModelResourceType;
  readonly arn: string | undefined;
  /** Lower-case provider segment of the foundation id (`anthropic`, `amazon`, ...). */
  readonly provider: string;
  /** Provider as Bedrock names it (`Anthropic`, `Amazon`, ...) where known, else `provider`. */
  readonly providerName: string;
  /** The model a profile routes to (for a foundation model: its own id). */
  readonly foundationModelId: string | undefined;
  /** `us`, `eu`, `global`, ... for system profiles. */
  readonly profilePrefix: string | undefined;
  readonly inputModalities: readonly string[];
  readonly outputModalities: readonly string[];
  readonly streaming: boolean;
  /** Callable by `id` without anything else (profiles always are; foundation models need ON_DEMAND). */
  readonly onDemand: boolean;
  /** `inferenceTypesSupported` of a foundation model (empty for profiles). */
  readonly inferenceTypes: readonly string[];
  readonly contextLength: number;
  readonly capabilities: ModelCapabilities;
}
