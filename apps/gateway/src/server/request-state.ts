/** What the server records about one request while answering it, for its log line. */
export interface RequestState {
  start: number;
  attempts: number;
  model?: string;
  stream?: boolean;
  chunks?: number;
  ttftMs?: number;
  /** `x-bedrock-bridge-warnings`, when the conversion dropped or adjusted something. */
  warningsHeader?: string;
  dropped?: string[];
  warnings?: string[];
  errorKind?: string;
  error?: string;
  /** The status the failure maps to, also when it was reported inside a 200 event stream. */
  errorStatus?: number;
  clientGone?: boolean;
  /** The handler is still running: a connection closed early logs once it has settled. */
  inHandler?: boolean;
  logWhenSettled?: boolean;
  messages?: unknown;
  status?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    bridge: RequestState;
  }
}
