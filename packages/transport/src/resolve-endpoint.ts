import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { Env } from './shared-config.js';

/** Runtime and control-plane endpoints (undefined: the SDK's regional AWS endpoint). */
export interface ResolvedEndpoints {
  runtime?: string;
  control?: string;
}

function checkUrl(param: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `Invalid ${param}: ${JSON.stringify(value)} is not a URL`,
      param,
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: `Invalid ${param}: ${JSON.stringify(value)} must be an http: or https: URL`,
      param,
    });
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Endpoints the way the SDK resolves them: the runtime from `endpoint`, then
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, then `AWS_ENDPOINT_URL`; the control plane from
 * `controlEndpoint`, then `endpoint`, then `AWS_ENDPOINT_URL_BEDROCK`, then `AWS_ENDPOINT_URL`.
 */
export function resolveEndpoints(
  env: Env,
  options: { endpoint?: string; controlEndpoint?: string } = {},
): ResolvedEndpoints {
  const explicit = nonEmpty(options.endpoint);
  const runtime =
    explicit ?? nonEmpty(env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const control =
    nonEmpty(options.controlEndpoint) ??
    explicit ??
    nonEmpty(env.AWS_ENDPOINT_URL_BEDROCK) ??
    nonEmpty(env.AWS_ENDPOINT_URL);
  const out: ResolvedEndpoints = {};
  if (runtime !== undefined) out.runtime = checkUrl('endpoint', runtime);
  if (control !== undefined) out.control = checkUrl('controlEndpoint', control);
  return out;
}
