import builtIn from './catalogue.json' with { type: 'json' };

/** How a model exposes reasoning: never, only when asked (e.g. Anthropic `thinking`), or always. */
export type ReasoningMode = 'none' | 'on-request' | 'always';

/** One foundation model, with the facts the runtime needs to validate requests. */
export interface CatalogueModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported: boolean;
  customizationsSupported: string[];
  /** `ON_DEMAND` (callable by bare id), `INFERENCE_PROFILE`, `PROVISIONED`. */
  inferenceTypesSupported: string[];
  modelLifecycle: { status: string };
  /** Regions where `GET /foundation-models` lists it. */
  regions: string[];
  /** Regions where the bare model id may be invoked (on-demand). Default: `regions` if it supports ON_DEMAND. */
  onDemandRegions?: string[];
  /** Context window in tokens. */
  contextWindow: number;
  /** Largest `maxTokens` accepted. */
  maxOutputTokens: number;
  reasoning: ReasoningMode;
  /** `toolConfig.toolChoice` members the model takes (`auto`, `any`, `tool`). Default: all. */
  toolChoice?: string[];
  /** Whether ConverseStream accepts a `toolConfig`. Default `true`. */
  streamingToolUse?: boolean;
  /** Whether `temperature` and `topP` are mutually exclusive (Claude 4.5 and later). Default `false`. */
  exclusiveSampling?: boolean;
  /** Images plus documents one request may carry in all. Default: no limit. */
  maxMediaPerRequest?: number;
  /** Whether document blocks are accepted. Default `true`. */
  documentChat?: boolean;
  /** Whether the `interleaved-thinking-*` beta lets the thinking budget exceed `maxTokens`. Default `false`. */
  interleavedThinking?: boolean;
  /** Context window with the `context-1m-*` beta. Default: no long-context beta. */
  longContextWindow?: number;
}

/** One system-defined (or application) inference profile. */
export interface CatalogueProfile {
  inferenceProfileId: string;
  inferenceProfileName: string;
  description?: string;
  /** The foundation model it routes to. */
  modelId: string;
  /** Regions it can be called from (and is listed in). */
  regions: string[];
  /** Regions it routes to (its `models[].modelArn`). */
  destinationRegions: string[];
  status?: string;
  type?: 'SYSTEM_DEFINED' | 'APPLICATION';
  createdAt?: string;
  updatedAt?: string;
}

/** The data the control plane serves and the runtime validates against. */
export interface Catalogue {
  /** Account id used in inference-profile ARNs. */
  accountId: string;
  models: CatalogueModel[];
  inferenceProfiles: CatalogueProfile[];
}

/** The built-in catalogue (a snapshot of real Bedrock models and system-defined profiles). */
export const defaultCatalogue: Catalogue = builtIn as Catalogue;

/** ARN of a foundation model in a region. */
export function modelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** The ARN resource type of a profile: application profiles have their own. */
function profileResource(profile: CatalogueProfile): string {
  return profile.type === 'APPLICATION' ? 'application-inference-profile' : 'inference-profile';
}

/** ARN of an inference profile in a region (`application-inference-profile/` for application ones). */
export function profileArn(
  catalogue: Catalogue,
  region: string,
  profile: CatalogueProfile,
): string {
  return `arn:aws:bedrock:${region}:${catalogue.accountId}:${profileResource(profile)}/${profile.inferenceProfileId}`;
}

const MODEL_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):[0-9]*:foundation-model\/(.+)$/;
const PROFILE_ARN =
  /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):[0-9]+:((?:application-)?inference-profile)\/(.+)$/;

/** A foundation model listed in `region`, by id or ARN. */
export function findModel(
  catalogue: Catalogue,
  region: string,
  idOrArn: string,
): CatalogueModel | undefined {
  const arn = MODEL_ARN.exec(idOrArn);
  const id = arn ? arn[2] : idOrArn;
  if (arn?.[1] && arn[1] !== region) return undefined;
  return catalogue.models.find((m) => m.modelId === id && m.regions.includes(region));
}

/** An inference profile callable from `region`, by id or ARN. */
export function findProfile(
  catalogue: Catalogue,
  region: string,
  idOrArn: string,
): CatalogueProfile | undefined {
  const arn = PROFILE_ARN.exec(idOrArn);
  const id = arn ? arn[3] : idOrArn;
  if (arn?.[1] && arn[1] !== region) return undefined;
  return catalogue.inferenceProfiles.find(
    (p) =>
      p.inferenceProfileId === id &&
      p.regions.includes(region) &&
      (arn === null || arn[2] === profileResource(p)),
  );
}

/** Whether the bare model id may be invoked on demand in `region`. */
export function isOnDemand(model: CatalogueModel, region: string): boolean {
  if (!model.inferenceTypesSupported.includes('ON_DEMAND')) return false;
  return (model.onDemandRegions ?? model.regions).includes(region);
}

/** Throws a TypeError naming the first problem when `value` is not a usable catalogue. */
export function assertCatalogue(value: unknown): asserts value is Catalogue {
  const fail = (what: string): never => {
    throw new TypeError(`Invalid emulator catalogue: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected an object');
  const c = value as Partial<Catalogue>;
  if (typeof c.accountId !== 'string') fail('accountId must be a string');
  if (!Array.isArray(c.models)) fail('models must be an array');
  if (!Array.isArray(c.inferenceProfiles)) fail('inferenceProfiles must be an array');
  c.models?.forEach((m, i) => {
    for (const key of ['modelId', 'modelName', 'providerName'] as const) {
      if (typeof m?.[key] !== 'string') fail(`models[${i}].${key} must be a string`);
    }
    for (const key of [
      'inputModalities',
      'outputModalities',
      'inferenceTypesSupported',
      'regions',
    ] as const) {
      if (!Array.isArray(m[key])) fail(`models[${i}].${key} must be an array`);
    }
    if (typeof m.contextWindow !== 'number') fail(`models[${i}].contextWindow must be a number`);
    if (typeof m.maxOutputTokens !== 'number') {
      fail(`models[${i}].maxOutputTokens must be a number`);
    }
  });
  c.inferenceProfiles?.forEach((p, i) => {
    for (const key of ['inferenceProfileId', 'inferenceProfileName', 'modelId'] as const) {
      if (typeof p?.[key] !== 'string') fail(`inferenceProfiles[${i}].${key} must be a string`);
    }
    if (!Array.isArray(p.regions)) fail(`inferenceProfiles[${i}].regions must be an array`);
    if (!Array.isArray(p.destinationRegions)) {
      fail(`inferenceProfiles[${i}].destinationRegions must be an array`);
    }
  });
}
