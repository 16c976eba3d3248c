import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { ParamPolicy } from '@bedrock-bridge/format';

/** Request header choosing the parameter policy of one request: `drop` or `strict`. */
export const PARAMS_HEADER = 'x-bedrock-bridge-params';

/**
 * The policy a request asks for with `x-bedrock-bridge-params`: `drop` (fields the model cannot
 * take are left out or clamped, and named in `x-bedrock-bridge-warnings`) or `strict` (a 400
 * naming the field). `undefined` when the header is absent; a 400 for any other value.
 */
export function paramPolicyFromHeader(
  value: string | string[] | undefined,
): ParamPolicy | undefined {
  if (value === undefined) return undefined;
  const text = (Array.isArray(value) ? value.join(',') : value).trim().toLowerCase();
  if (text === 'drop') return 'drop';
  if (text === 'strict') return 'reject';
  throw new BedrockBridgeError({
    kind: 'validation',
    code: 'invalid_header',
    message: `The header ${PARAMS_HEADER} must be "drop" or "strict", got "${text.slice(0, 40)}".`,
  });
}
