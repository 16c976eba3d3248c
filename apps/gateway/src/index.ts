// The gateway embedded in another Node program (the bench and the tests use it so): build the
// stack (transport + discovery) and the HTTP server in front of a backend (the backend, the
// recipe and the OpenAI handler are `@bedrock-bridge/openai`'s).
export { createStack, type Stack, type StackOptions } from './create-stack.js';
export { createServer, type Gateway, type ServerOptions } from './server/create-server.js';
