export {
  CIRCUIT_DEFAULTS,
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
} from './circuit-breaker.js';
export { createRouter, type Router, type UpstreamStatus } from './create-router.js';
export { type ControlCommand, createTransport, type Transport } from './create-transport.js';
export { converseFirstByteMs, requestSize, streamFirstByteMs } from './first-byte-deadline.js';
export {
  INPUT_TOKEN_COUNT_HEADER,
  type InvokeModelResult,
  invokeFirstByteMs,
} from './invoke-model.js';
export {
  type NormalizedOptions,
  normalizeOptions,
  TRANSPORT_DEFAULTS,
} from './normalize-options.js';
export { redactIdentity, redactText } from './redact.js';
export {
  type AuthSource,
  maskKeyId,
  type ResolveAuthOptions,
  type ResolvedAuth,
  resolveAuth,
} from './resolve-auth.js';
export { type ResolvedEndpoints, resolveEndpoints } from './resolve-endpoint.js';
export {
  type RegionSource,
  type ResolvedRegion,
  type ResolveRegionOptions,
  resolveRegion,
} from './resolve-region.js';
export { type RetryDelay, type RetryPolicy, retryDelay } from './retry-delay.js';
export { movesToAnotherUpstream } from './router-call.js';
export type {
  RouterOptions,
  SharedCooldowns,
  UpstreamInfo,
  UpstreamOptions,
} from './router-options.js';
export { synthesizeStream } from './synthesize-stream.js';
export type {
  TimeoutPhase,
  TransportEvent,
  TransportOperation,
} from './transport-event.js';
export type {
  CallOptions,
  TransportCredentials,
  TransportOptions,
  TransportProtocol,
  TransportRetry,
  TransportTimeouts,
} from './transport-options.js';
