import { createRequire } from 'node:module';
import { HttpRequest } from '@smithy/core/protocols';
import type { HandlerExecutionContext } from '@smithy/types';
import type { AnyMiddleware } from './resolved-pipeline.js';

/** The name of the SDK's user agent middleware in a command's stack. */
export const USER_AGENT_MIDDLEWARE = 'getUserAgentMiddleware';

const USER_AGENT = 'user-agent';
const X_AMZ_USER_AGENT = 'x-amz-user-agent';
const UA_NAME_ESCAPE = /[^!$%&'*+\-.^_`|~\w]/g;
const UA_VALUE_ESCAPE = /[^!$%&'*+\-.^_`|~\w#]/g;
const FEATURES_BYTE_LIMIT = 1024;
const ACCOUNT_ID_ENDPOINT = /\d{12}\.ddb/;

/** The global user agent prefix, read from the very `@aws-sdk/core` the Bedrock client uses. */
const getUserAgentPrefix = ((): (() => string) | undefined => {
  try {
    const fromTransport = createRequire(import.meta.url);
    const fromClient = createRequire(fromTransport.resolve('@aws-sdk/client-bedrock-runtime'));
    const core = fromClient('@aws-sdk/core/client') as { getUserAgentPrefix?: unknown };
    const get = core.getUserAgentPrefix;
    return typeof get === 'function' ? (get as () => string) : undefined;
  } catch {
    return undefined;
  }
})();

/** What the SDK's user agent middleware reads of the client config. */
export interface UserAgentConfig {
  defaultUserAgentProvider?: unknown;
  customUserAgent?: unknown;
  userAgentAppId?: unknown;
  runtime?: unknown;
  retryStrategy?: unknown;
  accountIdEndpointMode?: unknown;
}

type Pair = readonly [string, string?];

interface UaContext {
  userAgent?: unknown;
  endpointV2?: { url?: { hostname?: unknown } };
  __smithy_context?: {
    features?: Record<string, unknown>;
    selectedHttpAuthScheme?: {
      identity?: { $source?: Record<string, unknown>; accountId?: unknown };
    };
  };
  __aws_sdk_context?: { features?: Record<string, unknown> };
}

/** The SDK's `escapeUserAgent`: one user agent section from a name (and version) pair. */
function escapeUserAgent(pair: Pair): string {
  const name = pair[0]
    .split('/')
    .map((part) => part.replace(UA_NAME_ESCAPE, '-'))
    .join('/');
  const version = pair[1]?.replace(UA_VALUE_ESCAPE, '-');
  const at = name.indexOf('/');
  const prefix = name.substring(0, at);
  let uaName = name.substring(at + 1);
  if (prefix === 'api') uaName = uaName.toLowerCase();
  return [prefix, uaName, version]
    .filter((item): item is string => item !== undefined && item.length > 0)
    .reduce(
      (acc, item, index) =>
        index === 0 ? item : index === 1 ? `${acc}/${item}` : `${acc}#${item}`,
      '',
    );
}

/** The SDK's `setFeature`. */
function setFeature(context: UaContext, feature: string, value: unknown): void {
  if (!context.__aws_sdk_context) context.__aws_sdk_context = { features: {} };
  else if (!context.__aws_sdk_context.features) context.__aws_sdk_context.features = {};
  (context.__aws_sdk_context.features as Record<string, unknown>)[feature] = value;
}

/** The SDK's `checkFeatures`: the features the user agent reports, set on the context. */
async function checkFeatures(
  context: UaContext,
  config: UserAgentConfig,
  request: HttpRequest,
): Promise<void> {
  if (request.headers?.['smithy-protocol'] === 'rpc-v2-cbor') {
    setFeature(context, 'PROTOCOL_RPC_V2_CBOR', 'M');
  }
  if (typeof config.retryStrategy === 'function') {
    const retryStrategy = (await config.retryStrategy()) as { mode?: unknown };
    if (typeof retryStrategy.mode === 'string') {
      if (retryStrategy.mode === 'adaptive') setFeature(context, 'RETRY_MODE_ADAPTIVE', 'F');
      else if (retryStrategy.mode === 'standard') setFeature(context, 'RETRY_MODE_STANDARD', 'E');
    }
  }
  if (typeof config.accountIdEndpointMode === 'function') {
    if (String(context.endpointV2?.url?.hostname).match(ACCOUNT_ID_ENDPOINT)) {
      setFeature(context, 'ACCOUNT_ID_ENDPOINT', 'O');
    }
    const mode: unknown = await config.accountIdEndpointMode();
    if (mode === 'disabled') setFeature(context, 'ACCOUNT_ID_MODE_DISABLED', 'Q');
    else if (mode === 'preferred') setFeature(context, 'ACCOUNT_ID_MODE_PREFERRED', 'P');
    else if (mode === 'required') setFeature(context, 'ACCOUNT_ID_MODE_REQUIRED', 'R');
  }
  const identity = context.__smithy_context?.selectedHttpAuthScheme?.identity;
  if (identity?.$source) {
    if (identity.accountId) setFeature(context, 'RESOLVED_ACCOUNT_ID', 'T');
    for (const [key, value] of Object.entries(identity.$source ?? {})) {
      setFeature(context, key, value);
    }
  }
}

/** The SDK's `encodeFeatures`: feature values, comma separated, up to 1 KiB. */
function encodeFeatures(features: Record<string, unknown>): string {
  let buffer = '';
  for (const key in features) {
    const val = features[key] as string;
    if (buffer.length + val.length + 1 > FEATURES_BYTE_LIMIT) break;
    buffer += buffer.length ? `,${val}` : val;
  }
  return buffer;
}

/**
 * Pairs flattened (name and version of each, a missing version as ''), `null` when absent, or
 * `undefined` when they are not all `[string, string?]`. Two flattenings are equal exactly when
 * the SDK makes the same user agent sections of them.
 */
function flatten(pairs: unknown): string[] | null | undefined {
  if (pairs === undefined || pairs === null) return null;
  if (!Array.isArray(pairs)) return undefined;
  const flat: string[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') return undefined;
    const version: unknown = pair[1];
    if (version !== undefined && typeof version !== 'string') return undefined;
    flat.push(pair[0], version ?? '');
  }
  return flat;
}

function sameTexts(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** The two header values the SDK computes, and the inputs they were computed from. */
interface KeptValues {
  sdk: string;
  normal: string;
  sections: string[];
  command: string[] | null;
  custom: string[] | null;
  features: string[];
  appId: string;
  prefix: string;
  runtime: unknown;
}

/**
 * The SDK's user agent middleware (`userAgentMiddleware` of `@aws-sdk/core`), its header values
 * kept: the SDK escapes every section with regular expressions and rebuilds both headers on
 * every call, though they change only with their inputs. Here every input is still read on
 * every call exactly as the SDK reads it (the default user agent provider, whose sections may
 * change with the environment, the command's user agent, the features after the SDK's feature
 * check, which sets them on the context as the SDK's does (retry mode, account id mode, the
 * credentials' sources), the custom user agent, the app id, the global prefix, the runtime),
 * and the header values of the last call are used again only when every one of its inputs is
 * equal to this call's: a changed input never reuses a value made from another. The headers are then set as the SDK sets them. Anything of an unexpected
 * type goes through the SDK's middleware, as does every call when the prefix cannot be read.
 */
export function keepUserAgent(sdk: AnyMiddleware, config: UserAgentConfig): AnyMiddleware {
  if (
    getUserAgentPrefix === undefined ||
    typeof config.defaultUserAgentProvider !== 'function' ||
    typeof config.userAgentAppId !== 'function'
  ) {
    return sdk;
  }
  const readPrefix = getUserAgentPrefix;
  const provider = config.defaultUserAgentProvider as () => Promise<unknown>;
  const appIdOf = config.userAgentAppId as () => Promise<unknown>;
  let kept: KeptValues | undefined;
  return (next, handlerContext: HandlerExecutionContext) => {
    const context = handlerContext as unknown as UaContext;
    return async (args) => {
      const request = (args as { request?: unknown }).request;
      if (!HttpRequest.isInstance(request)) return next(args);
      const provided = await provider();
      const sections = flatten(provided);
      const command = flatten(context.userAgent);
      const custom = flatten(config.customUserAgent);
      await checkFeatures(context, config, request);
      const features = Object.assign(
        {},
        context.__smithy_context?.features,
        context.__aws_sdk_context?.features,
      ) as Record<string, unknown>;
      const featureValues: string[] = [];
      for (const key in features) {
        const value = features[key];
        if (typeof value !== 'string') return sdkUnchecked(sdk, next, handlerContext, args);
        featureValues.push(value);
      }
      const id: unknown = await appIdOf();
      const appId = id ? `${id}` : '';
      const prefix: unknown = readPrefix();
      if (
        sections === undefined ||
        sections === null ||
        command === undefined ||
        custom === undefined ||
        typeof prefix !== 'string'
      ) {
        return sdkUnchecked(sdk, next, handlerContext, args);
      }
      let values = kept;
      if (
        values === undefined ||
        !sameTexts(values.sections, sections) ||
        !sameTexts(values.command, command) ||
        !sameTexts(values.custom, custom) ||
        !sameTexts(values.features, featureValues) ||
        values.appId !== appId ||
        values.prefix !== prefix ||
        values.runtime !== config.runtime
      ) {
        const defaultUserAgent = (provided as Pair[]).map(escapeUserAgent);
        defaultUserAgent.push(`m/${encodeFeatures(features)}`);
        if (appId) defaultUserAgent.push(escapeUserAgent(['app', appId]));
        const userAgent = ((context.userAgent as Pair[] | undefined) ?? []).map(escapeUserAgent);
        const customUa = ((config.customUserAgent as Pair[] | undefined) ?? []).map(
          escapeUserAgent,
        );
        values = {
          sdk: (prefix ? [prefix] : [])
            .concat([...defaultUserAgent, ...userAgent, ...customUa])
            .join(' '),
          normal: [...defaultUserAgent.filter((x) => x.startsWith('aws-sdk-')), ...customUa].join(
            ' ',
          ),
          sections,
          command,
          custom,
          features: featureValues,
          appId,
          prefix,
          runtime: config.runtime,
        };
        kept = values;
      }
      const { headers } = request;
      if (config.runtime !== 'browser') {
        if (values.normal) {
          headers[X_AMZ_USER_AGENT] = headers[X_AMZ_USER_AGENT]
            ? `${headers[USER_AGENT]} ${values.normal}`
            : values.normal;
        }
        headers[USER_AGENT] = values.sdk;
      } else {
        headers[X_AMZ_USER_AGENT] = values.sdk;
      }
      return next({ ...args, request } as typeof args);
    };
  };
}

/**
 * The SDK's middleware for this call. Reached only after this call's features were already set
 * on the context (the SDK's check sets the same ones again: same keys, same values).
 */
function sdkUnchecked(
  sdk: AnyMiddleware,
  next: Parameters<AnyMiddleware>[0],
  context: HandlerExecutionContext,
  args: Parameters<ReturnType<AnyMiddleware>>[0],
): ReturnType<ReturnType<AnyMiddleware>> {
  return sdk(next, context)(args);
}
