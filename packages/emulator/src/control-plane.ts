import { BedrockError } from './bedrock-error.js';
import {
  type Catalogue,
  type CatalogueModel,
  type CatalogueProfile,
  findModel,
  findProfile,
  isOnDemand,
  modelArn,
  profileArn,
} from './catalogue.js';
import type { Reply } from './runtime-handler.js';

const ENUMS = {
  byOutputModality: ['TEXT', 'IMAGE', 'EMBEDDING'],
  byInferenceType: ['ON_DEMAND', 'PROVISIONED'],
  byCustomizationType: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'],
  type: ['SYSTEM_DEFINED', 'APPLICATION'],
} as const;

function enumParam(query: URLSearchParams, name: keyof typeof ENUMS): string | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const allowed: readonly string[] = ENUMS[name];
  if (!allowed.includes(value)) {
    throw new BedrockError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return value;
}

/** A model as `ListFoundationModels` shows it in `region` (inference types differ per region). */
function modelSummary(catalogue: Catalogue, region: string, model: CatalogueModel) {
  const types: string[] = [];
  if (isOnDemand(model, region)) types.push('ON_DEMAND');
  if (
    catalogue.inferenceProfiles.some(
      (p) => p.modelId === model.modelId && p.regions.includes(region),
    )
  ) {
    types.push('INFERENCE_PROFILE');
  }
  if (model.inferenceTypesSupported.includes('PROVISIONED')) types.push('PROVISIONED');
  return {
    modelArn: modelArn(region, model.modelId),
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: model.responseStreamingSupported,
    customizationsSupported: model.customizationsSupported ?? [],
    inferenceTypesSupported: types,
    modelLifecycle: model.modelLifecycle ?? { status: 'ACTIVE' },
  };
}

function profileSummary(catalogue: Catalogue, region: string, profile: CatalogueProfile) {
  return {
    inferenceProfileName: profile.inferenceProfileName,
    description: profile.description ?? profile.inferenceProfileName,
    createdAt: profile.createdAt ?? '2024-08-27T00:00:00Z',
    updatedAt: profile.updatedAt ?? profile.createdAt ?? '2024-08-27T00:00:00Z',
    inferenceProfileArn: profileArn(catalogue, region, profile),
    models: profile.destinationRegions.map((r) => ({ modelArn: modelArn(r, profile.modelId) })),
    inferenceProfileId: profile.inferenceProfileId,
    status: profile.status ?? 'ACTIVE',
    type: profile.type ?? 'SYSTEM_DEFINED',
  };
}

function listModels(catalogue: Catalogue, region: string, query: URLSearchParams): Reply {
  const provider = query.get('byProvider')?.toLowerCase();
  const output = enumParam(query, 'byOutputModality');
  const inference = enumParam(query, 'byInferenceType');
  const customization = enumParam(query, 'byCustomizationType');
  const modelSummaries = catalogue.models
    .filter((m) => m.regions.includes(region))
    .map((m) => modelSummary(catalogue, region, m))
    .filter(
      (m) =>
        (!provider ||
          m.providerName.toLowerCase() === provider ||
          m.modelId.split('.')[0] === provider) &&
        (!output || m.outputModalities.includes(output)) &&
        (!inference || m.inferenceTypesSupported.includes(inference)) &&
        (!customization || m.customizationsSupported.includes(customization)),
    );
  return { kind: 'json', status: 200, body: { modelSummaries } };
}

function listProfiles(catalogue: Catalogue, region: string, query: URLSearchParams): Reply {
  const type = enumParam(query, 'type');
  const rawMax = query.get('maxResults');
  const maxResults = rawMax === null ? 1000 : Number(rawMax);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw new BedrockError(
      'ValidationException',
      `1 validation error detected: Value '${rawMax}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  const token = query.get('nextToken');
  const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) {
    throw new BedrockError('ValidationException', 'Invalid pagination token.');
  }
  const all = catalogue.inferenceProfiles.filter(
    (p) => p.regions.includes(region) && (!type || (p.type ?? 'SYSTEM_DEFINED') === type),
  );
  const page = all.slice(start, start + maxResults);
  const body: Record<string, unknown> = {
    inferenceProfileSummaries: page.map((p) => profileSummary(catalogue, region, p)),
  };
  if (start + maxResults < all.length) {
    body.nextToken = Buffer.from(String(start + maxResults)).toString('base64url');
  }
  return { kind: 'json', status: 200, body };
}

/**
 * Serves the control plane: `GET /foundation-models[/{id}]`, `GET /inference-profiles[/{id}]`.
 * Returns undefined for any other path.
 */
export function handleControl(
  catalogue: Catalogue,
  region: string,
  segments: string[],
  query: URLSearchParams,
): Reply | undefined {
  const [collection, id, extra] = segments;
  if (extra !== undefined) return undefined;
  if (collection === 'foundation-models') {
    if (id === undefined) return listModels(catalogue, region, query);
    const model = findModel(catalogue, region, id);
    if (!model) {
      throw new BedrockError(
        'ResourceNotFoundException',
        'Could not resolve the foundation model from the provided model identifier.',
      );
    }
    return {
      kind: 'json',
      status: 200,
      body: { modelDetails: modelSummary(catalogue, region, model) },
    };
  }
  if (collection === 'inference-profiles') {
    if (id === undefined) return listProfiles(catalogue, region, query);
    const profile = findProfile(catalogue, region, id);
    if (!profile) {
      throw new BedrockError('ResourceNotFoundException', `Inference profile ${id} not found.`);
    }
    return { kind: 'json', status: 200, body: profileSummary(catalogue, region, profile) };
  }
  return undefined;
}
