// The gateway embedded in another Node program (the bench and the tests use it so): build the
// stack (transport + discovery) and the HTTP server in front of a backend (the backend, the
// recipe and the OpenAI handler are `@bedrock-bridge/openai`'s), or the whole composition
// `serve` runs (metrics, spans, request log, ops routes), which the bench measures.
export { type ComposeOptions, composeGateway } from './compose-gateway.js';
export { createStack, type Stack, type StackOptions } from './create-stack.js';
export { GatewayMetrics } from './observability/gateway-metrics.js';
export { createServer, type Gateway, type ServerOptions } from './server/create-server.js';
