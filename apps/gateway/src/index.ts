// The gateway embedded in another Node program (the bench and the tests use it so): build the
// stack (transport + discovery), the backend on it, and the HTTP server in front of it.
export {
  type ChatCompletionContext,
  chatCompletion,
  chatCompletionStream,
} from './chat-completion.js';
export { type BackendOptions, createBackend } from './create-backend.js';
export { createStack, type Stack, type StackOptions } from './create-stack.js';
export { createServer, type Gateway, type ServerOptions } from './server/create-server.js';
export type {
  BackendCallContext,
  GatewayBackend,
  GatewayModel,
  ResponsesBackend,
} from './server/gateway-backend.js';
