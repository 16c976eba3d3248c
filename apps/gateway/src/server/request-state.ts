import {
  type ConversionNotes,
  type OpenAIErrorResponse,
  type StreamOutcome,
  warningsHeader,
} from '@bedrock-bridge/openai';

/**
 * What the server records about one request while answering it, for its one log line. Written
 * through its `record*` methods; `log()` writes the line once, when the handler has settled
 * and the connection has closed, whichever comes last.
 */
export class RequestState {
  readonly start = performance.now();
  attempts = 0;
  model?: string;
  stream?: boolean;
  messages?: unknown;
  /** The status sent, when the handler wrote the head itself (an event stream). */
  status?: number;
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
  clientGone = false;
  readonly #write: (() => void) | undefined;
  /** The handler is still running: a connection closed early logs once it has settled. */
  #inHandler = false;
  #closed = false;
  #logged = false;

  /** `write` writes the log line (none: the request is not logged). */
  constructor(write?: () => void) {
    this.#write = write;
  }

  /** What the client asked for (the prompt only when prompts are logged). */
  recordRequest(model: string, stream?: boolean, messages?: unknown): void {
    this.model = model;
    if (stream !== undefined) this.stream = stream;
    if (messages !== undefined) this.messages = messages;
  }

  /** Fields the conversion dropped or adjusted; returns the warnings header naming them. */
  recordNotes(notes: ConversionNotes, header = warningsHeader(notes)): string {
    this.dropped = notes.dropped;
    this.warnings = notes.warnings;
    this.warningsHeader = header;
    return this.warningsHeader;
  }

  /** The failure answered (or reported in the stream), as it left the process. */
  recordFailure(failure: OpenAIErrorResponse): void {
    this.errorKind = failure.kind;
    this.error = failure.body.error.message;
    this.errorStatus = failure.status;
  }

  /** How an event stream went: chunks written, time to first token, a client gone. */
  recordStream(outcome: StreamOutcome): void {
    this.chunks = outcome.chunks;
    if (outcome.firstTokenAt !== undefined) {
      this.ttftMs = Math.round((outcome.firstTokenAt - this.start) * 100) / 100;
    }
    if (!outcome.ok && outcome.clientGone) this.clientGone = true;
  }

  /** Whether the handler is still answering. */
  get inHandler(): boolean {
    return this.#inHandler;
  }

  /** The handler starts answering. */
  enterHandler(): void {
    this.#inHandler = true;
  }

  /**
   * The handler has settled. When the connection already closed, the line is written on the
   * next turn (after the error handler has recorded a thrown failure).
   */
  leaveHandler(): void {
    this.#inHandler = false;
    if (this.#closed) setImmediate(() => this.log());
  }

  /** The connection closed: logs now, or once the handler settles. */
  connectionClosed(finished: boolean): void {
    if (!finished) this.clientGone = true;
    this.#closed = true;
    if (!this.#inHandler) this.log();
  }

  /** Writes the log line, once. */
  log(): void {
    if (this.#logged || this.#write === undefined) return;
    this.#logged = true;
    this.#write();
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    bridge: RequestState;
  }
}
