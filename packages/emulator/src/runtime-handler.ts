import { answerToEvents, eventsToAnswer } from './answer-events.js';
import { BedrockError, type BedrockErrorName } from './bedrock-error.js';
import {
  type Catalogue,
  type CatalogueModel,
  findModel,
  findProfile,
  isOnDemand,
  modelArn,
  profileArn,
} from './catalogue.js';
import { type Answer, countUsage, defaultAnswer } from './default-model.js';
import { withPadding } from './event-padding.js';
import type { PromptCache } from './prompt-cache.js';
import type { Identity } from './read-identity.js';
import type { ScriptedAnswer, StreamEvent } from './types.js';
import { validateConverseRequest } from './validate-converse-request.js';

/** What a handler wants sent: a JSON document or a list of stream events. */
export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | {
      kind: 'stream';
      events: StreamEvent[];
      /** When set, the `metadata` event's `metrics.latencyMs` is measured from it as it is sent. */
      startedAt?: number;
    };

/** The runtime settings a request is served with. */
export interface RuntimeSettings {
  catalogue: Catalogue;
  deltas: number;
  denyStreamingFor: readonly string[];
  /** The prompt cache the default model reports reads and writes from. */
  promptCache: PromptCache;
  /** Returns the next scripted answer, if a test queued one. */
  nextScript: () => ScriptedAnswer | undefined;
}

/** A runtime request, routed and authenticated. */
export interface RuntimeRequest {
  operation: 'converse' | 'converse-stream';
  modelId: string;
  body: unknown;
  identity: Identity;
  region: string;
  sequence: number;
  startedAt: number;
}

const EXCEPTION_NAMES: Record<string, BedrockErrorName> = {
  throttlingException: 'ThrottlingException',
  modelStreamErrorException: 'ModelErrorException',
  validationException: 'ValidationException',
  internalServerException: 'InternalServerException',
  serviceUnavailableException: 'ServiceUnavailableException',
};

/** The HTTP error equivalent of an in-stream exception (for non-streaming answers). */
export function exceptionAsError(
  type: string,
  payload: Record<string, unknown>,
  resourceName?: string,
): BedrockError {
  const name = EXCEPTION_NAMES[type] ?? 'InternalServerException';
  const message = String(payload.message ?? type);
  if (name !== 'ModelErrorException') return new BedrockError(name, message);
  // ModelErrorException: originalStatusCode and resourceName (service model).
  const fields: Record<string, unknown> = {};
  if (payload.originalStatusCode !== undefined)
    fields.originalStatusCode = payload.originalStatusCode;
  if (resourceName !== undefined) fields.resourceName = resourceName;
  return new BedrockError(name, message, {}, fields);
}

/** Finds the model a runtime request addresses, the way Bedrock resolves ids, profiles and ARNs. */
export function resolveRuntimeModel(
  catalogue: Catalogue,
  region: string,
  id: string,
): CatalogueModel {
  const profile = findProfile(catalogue, region, id);
  if (profile) {
    const model = catalogue.models.find((m) => m.modelId === profile.modelId);
    if (model) return model;
  }
  const model = findModel(catalogue, region, id);
  if (!model)
    throw new BedrockError('ValidationException', 'The provided model identifier is invalid.');
  if (!model.outputModalities.includes('TEXT')) {
    throw new BedrockError(
      'ValidationException',
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
    );
  }
  if (!isOnDemand(model, region)) {
    throw new BedrockError(
      'ValidationException',
      `Invocation of model ID ${model.modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  return model;
}

function scriptedAnswer(script: ScriptedAnswer, body: Record<string, unknown>): Answer {
  const content = script.content ?? [];
  const counted = countUsage(body, content);
  const usage = { ...counted, ...script.usage };
  if (script.usage && script.usage.totalTokens === undefined) {
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
  }
  const stopReason =
    script.stopReason ?? (content.some((b) => b.toolUse) ? 'tool_use' : 'end_turn');
  return { content, stopReason, usage };
}

/** The ARN an access-denied message names: the ARN as called, a profile's, or the model's. */
function resourceArn(settings: RuntimeSettings, region: string, modelId: string): string {
  if (modelId.startsWith('arn:')) return modelId;
  const profile = findProfile(settings.catalogue, region, modelId);
  return profile ? profileArn(settings.catalogue, region, profile) : modelArn(region, modelId);
}

/** The default model's answer with the prompt cache's reads and writes in its usage. */
function cached(
  answer: Answer,
  settings: RuntimeSettings,
  body: Record<string, unknown>,
  model: CatalogueModel,
): Answer {
  return { ...answer, usage: settings.promptCache.apply(body, model.modelId, answer.usage) };
}

/** `serviceTier` and `performanceConfig` as asked: Bedrock echoes them in the answer. */
function echoed(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body.serviceTier !== undefined) out.serviceTier = body.serviceTier;
  if (body.performanceConfig !== undefined) out.performanceConfig = body.performanceConfig;
  return out;
}

/** Serves converse and converse-stream. Throws {@link BedrockError}s for error answers. */
export function handleRuntime(settings: RuntimeSettings, request: RuntimeRequest): Reply {
  const { operation, region, identity } = request;
  if (operation === 'converse-stream' && settings.denyStreamingFor.includes(identity.id)) {
    throw new BedrockError(
      'AccessDeniedException',
      `User: arn:aws:iam::${settings.catalogue.accountId}:user/${identity.scheme === 'bearer' ? 'api-key-user' : identity.id} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: ${resourceArn(settings, region, request.modelId)} because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action`,
    );
  }
  const model = resolveRuntimeModel(settings.catalogue, region, request.modelId);
  if (operation === 'converse-stream' && !model.responseStreamingSupported) {
    throw new BedrockError('ValidationException', 'The model is unsupported for streaming.');
  }
  validateConverseRequest(request.body, model, operation);
  const body = request.body as Record<string, unknown>;
  const script = settings.nextScript();
  const latencyMs = Date.now() - request.startedAt;
  if (script?.events) {
    if (operation === 'converse-stream') return { kind: 'stream', events: script.events };
    const exception = script.events.find((e) => Object.keys(e)[0]?.endsWith('Exception'));
    if (exception) {
      const [type, payload] = Object.entries(exception)[0] ?? ['', {}];
      throw exceptionAsError(type, (payload ?? {}) as Record<string, unknown>, model.modelId);
    }
  }
  const answer = script?.events
    ? eventsToAnswer(script.events, countUsage(body, []))
    : script
      ? scriptedAnswer(script, body)
      : cached(defaultAnswer(body, model, request.sequence), settings, body, model);
  if (operation === 'converse-stream') {
    const events = answerToEvents(answer, settings.deltas, latencyMs, echoed(body));
    return { kind: 'stream', events: withPadding(events), startedAt: request.startedAt };
  }
  return {
    kind: 'json',
    status: 200,
    body: {
      output: { message: { role: 'assistant', content: answer.content } },
      stopReason: answer.stopReason,
      usage: answer.usage,
      metrics: { latencyMs },
      ...echoed(body),
    },
  };
}
