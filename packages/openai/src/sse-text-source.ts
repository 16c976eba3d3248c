/**
 * A streamed answer's server-sent events as text, read one framed event at a time: what a Node
 * server writes to its socket as it is, without a web `ReadableStream` (its promises, queue and
 * reader per event) and without encoding the text to bytes first.
 */
export interface SseTextSource {
  /**
   * The next framed event (`data: ...\n\n`, `[DONE]` included), or `undefined` once the stream
   * ended. Rejects only where the body would error (a `fetch` caller's own abort). Reads must not
   * overlap: await each before asking again.
   */
  read(): Promise<string | undefined>;
  /** Stops reading: the upstream call is aborted at once and `reason` reported as the failure. */
  cancel(reason: unknown): Promise<void>;
}

/** Where a streamed `Response` of the handler carries its text source. */
const TEXT_SOURCE: unique symbol = Symbol.for('bedrock-bridge.sse-text-source');

interface WithTextSource {
  [TEXT_SOURCE]?: SseTextSource;
}

/** Attaches `source` to `response` (the handler's streamed answers). */
export function attachSseTextSource(response: Response, source: SseTextSource): Response {
  Object.defineProperty(response, TEXT_SOURCE, { value: source, enumerable: false });
  return response;
}

/**
 * The events of a streamed answer of the handler as text (see `SseTextSource`), for a server that
 * writes them to a Node socket itself; `undefined` for any other response. Taking the source locks
 * `response.body`: the answer is read one way only. The bytes are the body's, event for event.
 */
export function takeSseTextSource(response: Response): SseTextSource | undefined {
  const source = (response as WithTextSource)[TEXT_SOURCE];
  if (source === undefined || response.body === null || response.body.locked) return undefined;
  // Held, never read: nobody else can read the body now.
  response.body.getReader();
  return source;
}
