import { type HandlerExecutionContext, SMITHY_CONTEXT_KEY } from '@smithy/types';
import type { AnyMiddleware } from './resolved-pipeline.js';

/** The name of the SDK's endpoint middleware in a command's stack. */
export const ENDPOINT_MIDDLEWARE = 'endpointV2Middleware';

/** An auth scheme of a resolved endpoint's properties. */
interface EndpointAuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
  signingRegionSet?: string[];
  properties?: Record<string, unknown>;
}

/** A resolved endpoint (`context.endpointV2`), as far as it is read here. */
interface ResolvedEndpoint {
  properties?: { authSchemes?: EndpointAuthScheme[] };
}

interface SmithyContext {
  features?: Record<string, unknown>;
  selectedHttpAuthScheme?: { httpAuthOption?: { signingProperties?: Record<string, unknown> } };
}

/** The entries of the handler context the SDK's endpoint middleware writes. */
interface EndpointContext {
  endpointV2?: ResolvedEndpoint | undefined;
  authSchemes?: EndpointAuthScheme[] | undefined;
  signing_region?: string | undefined;
  signing_service?: string | undefined;
  [SMITHY_CONTEXT_KEY]?: SmithyContext;
}

/** Endpoint parameters taken from the client config alone (not the input, not the identity). */
const CONFIG_PARAMETERS = new Set(['builtInParams', 'clientContextParams', 'staticContextParams']);
const IDENTITY_PARAMETERS = new Set([
  'accountId',
  'AccountId',
  'credentialScope',
  'CredentialScope',
]);

/**
 * Whether the endpoint of `commandClass` depends on the client's config alone: every endpoint
 * parameter instruction of the class is a built-in, client-context or static parameter, and none
 * comes from the identity (account id, credential scope). For Bedrock's runtime commands: the
 * region, FIPS, dual-stack and the endpoint URL.
 */
export function endpointFromConfigOnly(commandClass: unknown): boolean {
  const get = (commandClass as { getEndpointParameterInstructions?: unknown } | undefined)
    ?.getEndpointParameterInstructions;
  if (typeof get !== 'function') return false;
  const instructions = get.call(commandClass) as Record<string, { type?: string; name?: string }>;
  return Object.entries(instructions).every(
    ([parameter, instruction]) =>
      CONFIG_PARAMETERS.has(instruction.type ?? '') &&
      !IDENTITY_PARAMETERS.has(parameter) &&
      !IDENTITY_PARAMETERS.has(instruction.name ?? ''),
  );
}

/**
 * The SDK's endpoint middleware, its endpoint kept: it copies the whole client config and awaits
 * every endpoint parameter on each call to evaluate (from its cache) a ruleset whose answer
 * cannot change for a client whose endpoint depends on its config alone
 * (`endpointFromConfigOnly`). Until a call of the client has gone through the SDK's middleware,
 * calls do; afterwards each call gets that endpoint and the same context entries the SDK's
 * middleware writes: the endpoint, its auth schemes, the signing region and name (also into
 * the selected auth option's signing properties), and the `ENDPOINT_OVERRIDE` feature (read by
 * the user agent) when the SDK set it.
 */
export function keepEndpoint(sdk: AnyMiddleware): AnyMiddleware {
  let kept: { endpoint: ResolvedEndpoint; override: unknown } | undefined;
  return (next, handlerContext: HandlerExecutionContext) => {
    const context = handlerContext as unknown as EndpointContext;
    if (kept === undefined) {
      return sdk((args) => {
        const endpoint = context.endpointV2;
        if (kept === undefined && endpoint !== undefined) {
          kept = { endpoint, override: context[SMITHY_CONTEXT_KEY]?.features?.ENDPOINT_OVERRIDE };
        }
        return next(args);
      }, handlerContext);
    }
    const { endpoint, override } = kept;
    return (args) => {
      const smithy = context[SMITHY_CONTEXT_KEY] ?? {};
      context[SMITHY_CONTEXT_KEY] = smithy;
      if (override !== undefined) {
        const features = smithy.features ?? {};
        smithy.features = features;
        features.ENDPOINT_OVERRIDE = override;
      }
      context.endpointV2 = endpoint;
      context.authSchemes = endpoint.properties?.authSchemes;
      const scheme = context.authSchemes?.[0];
      if (scheme !== undefined) {
        context.signing_region = scheme.signingRegion;
        context.signing_service = scheme.signingName;
        const option = smithy.selectedHttpAuthScheme?.httpAuthOption;
        if (option !== undefined) {
          option.signingProperties = Object.assign(
            option.signingProperties ?? {},
            {
              signing_region: scheme.signingRegion,
              signingRegion: scheme.signingRegion,
              signing_service: scheme.signingName,
              signingName: scheme.signingName,
              signingRegionSet: scheme.signingRegionSet,
            },
            scheme.properties,
          );
        }
      }
      return next({ ...args });
    };
  };
}
