import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { splitProfilePrefix } from './region-prefixes.js';

/** The shapes a Bedrock `modelId` can take. */
export type ModelIdForm =
  /** `anthropic.claude-3-haiku-20240307-v1:0` */
  | 'bare'
  /** `us.anthropic.claude-sonnet-4-20250514-v1:0` (system-defined cross-Region profile id) */
  | 'profile'
  /** `arn:aws:bedrock:us-east-1::foundation-model/<id>` */
  | 'foundation-model-arn'
  /** `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.<id>` */
  | 'inference-profile-arn'
  /** `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/<random id>` */
  | 'application-profile-arn'
  /** provisioned-model/, custom-model/, imported-model/, marketplace endpoints, ... */
  | 'other-arn';

export interface ParsedArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

export interface ParsedModelId {
  /** The id as given, trimmed. */
  readonly input: string;
  readonly form: ModelIdForm;
  /** The underlying foundation-model id (original case) when the id itself tells it. */
  readonly foundationModelId: string | undefined;
  /** `us`, `eu`, `global`, ... for profile ids and profile ARNs. */
  readonly profilePrefix: string | undefined;
  readonly arn: ParsedArn | undefined;
  /** Context window named by a `:200k` / `:1m` style suffix (provisioned-throughput variants). */
  readonly contextSuffixTokens: number | undefined;
  /** Lower-case foundation id without context suffix: what the table lookup matches against. */
  readonly lookupId: string;
}

const ARN = /^arn:(aws[a-z-]*):bedrock:([a-z0-9-]*):(\d{12})?:([a-z-]+)\/(.+)$/i;
const ALLOWED = /^[A-Za-z0-9._:/-]+$/;
const CONTEXT_SUFFIX = /:(\d+)([km])$/i;
const MULTIMODAL_SUFFIX = /:mm$/i;

/**
 * Splits a Bedrock model id (bare id, profile id or ARN) into its parts. Pure and synchronous.
 * Throws a `validation` `BedrockBridgeError` for an empty id or one with characters Bedrock
 * never accepts.
 */
export function parseModelId(id: string): ParsedModelId {
  if (typeof id !== 'string') {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `model id must be a string, got ${id === null ? 'null' : typeof id}`,
      param: 'model',
    });
  }
  const input = id.trim();
  if (input === '') {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: 'model id is empty',
      param: 'model',
    });
  }
  if (input.length > 2048 || !ALLOWED.test(input)) {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `model id ${JSON.stringify(input.slice(0, 80))} is not a Bedrock model id, profile id or ARN (allowed: letters, digits and . _ : / -; at most 2048 characters)`,
      param: 'model',
    });
  }

  const arnMatch = ARN.exec(input);
  if (arnMatch) {
    const arn: ParsedArn = {
      partition: arnMatch[1] as string,
      region: arnMatch[2] as string,
      account: arnMatch[3] ?? '',
      resourceType: (arnMatch[4] as string).toLowerCase(),
      resourceId: arnMatch[5] as string,
    };
    switch (arn.resourceType) {
      case 'foundation-model':
        return build(input, 'foundation-model-arn', arn.resourceId, undefined, arn);
      case 'inference-profile': {
        const split = splitProfilePrefix(arn.resourceId);
        return build(input, 'inference-profile-arn', split?.rest, split?.prefix, arn);
      }
      case 'application-inference-profile':
        return build(input, 'application-profile-arn', undefined, undefined, arn);
      default:
        return build(input, 'other-arn', undefined, undefined, arn);
    }
  }
  if (input.startsWith('arn:')) {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `model id ${JSON.stringify(input.slice(0, 80))} looks like an ARN but is not a Bedrock resource ARN (arn:<partition>:bedrock:<region>:<account>:<type>/<id>)`,
      param: 'model',
    });
  }

  const split = splitProfilePrefix(input);
  if (split) return build(input, 'profile', split.rest, split.prefix, undefined);
  return build(input, 'bare', input, undefined, undefined);
}

function build(
  input: string,
  form: ModelIdForm,
  foundationModelId: string | undefined,
  profilePrefix: string | undefined,
  arn: ParsedArn | undefined,
): ParsedModelId {
  let lookup = (foundationModelId ?? '').toLowerCase().replace(MULTIMODAL_SUFFIX, '');
  let contextSuffixTokens: number | undefined;
  const suffix = CONTEXT_SUFFIX.exec(lookup);
  if (suffix) {
    const amount = Number(suffix[1]);
    contextSuffixTokens =
      (suffix[2] as string).toLowerCase() === 'm' ? amount * 1_000_000 : amount * 1000;
    lookup = lookup.slice(0, suffix.index);
  }
  return {
    input,
    form,
    foundationModelId,
    profilePrefix,
    arn,
    contextSuffixTokens,
    lookupId: lookup,
  };
}
