import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { ParamPolicy } from '@bedrock-bridge/format';
import type { HandlerCall, StreamOutcome } from './call-observer.js';
import type { ConversionNotes } from './chat-completion.js';
import { jsonResponse } from './json-response.js';
import type { BackendCallOptions } from './openai-backend.js';
import type { OpenAIErrorResponse } from './openai-error.js';
import { settleFailureEvents } from './responses-routes.js';
import { SSE_DONE, SSE_HEADERS, sseEvent } from './sse.js';
import { sseEventEncoder } from './sse-event-encoder.js';
import { attachSseTextSource, type SseTextSource } from './sse-text-source.js';
import { outgoing, toErrorResponse } from './to-error-response.js';
import { WARNINGS_HEADER, warningsHeader } from './warnings-header.js';

/** One model call as a route hands it to `answerModelCall`. */
export interface ModelCall {
  stream: boolean;
  complete(context: BackendCallOptions): Promise<object>;
  events(context: BackendCallOptions): AsyncIterable<object>;
  /** The first event this accepts marks the time to first token. */
  isToken(event: object): boolean;
  /**
   * An event that already tells the client the stream failed: an error thrown after it ends the
   * stream as it is (reported), with no extra error event. Default: none.
   */
  isFailureEvent?: (event: object) => boolean;
}

/** What the handler decided for this request before the call. */
export interface CallSettings {
  paramPolicy: ParamPolicy;
  /** Strings masked in error messages that leave the process. */
  secrets: readonly string[];
}

/** One encoder for every stream: `encode` keeps no state between calls. */
const encoder = new TextEncoder();

/** The failure reported when the reader cancels a stream (or a signal aborts the call). */
function abortError(reason: unknown, fallback: string): BedrockBridgeError {
  if (BedrockBridgeError.is(reason)) return reason;
  const message = reason instanceof Error && reason.message !== '' ? reason.message : fallback;
  return new BedrockBridgeError({ kind: 'aborted', message, cause: reason });
}

/**
 * The upstream call's abort: fired by the call's `signal` (a server's), the request's own
 * `signal` (a `fetch` caller's) or a cancelled body. `detach` stops listening.
 */
function linkAborts(callerSignal: AbortSignal | undefined, call: HandlerCall) {
  const controller = new AbortController();
  const sources = [call.signal, callerSignal].filter((s): s is AbortSignal => s !== undefined);
  const listeners = sources.map((source) => {
    const listener = () =>
      controller.abort(abortError(source.reason, 'The client closed the connection.'));
    if (source.aborted) listener();
    else source.addEventListener('abort', listener, { once: true });
    return () => source.removeEventListener('abort', listener);
  });
  return {
    controller,
    /** A failure the abort caused, as the abort's reason; any other failure unchanged. */
    why: (err: unknown) =>
      controller.signal.aborted && BedrockBridgeError.is(controller.signal.reason)
        ? controller.signal.reason
        : err,
    detach: () => {
      for (const remove of listeners) remove();
    },
  };
}

/**
 * Answers one model call, as JSON or as a `ReadableStream` of server-sent events: the warnings
 * header, a proper HTTP status for failures before the first event, and the stream's own error
 * event after it. The stream is pulled: nothing is read upstream before the reader asks, and
 * cancelling it aborts the upstream call at once.
 */
export async function answerModelCall(
  call: ModelCall,
  settings: CallSettings,
  callerSignal: AbortSignal | undefined,
  handlerCall: HandlerCall,
): Promise<Response> {
  const observer = handlerCall.observer;
  const link = linkAborts(callerSignal, handlerCall);
  const headers: Record<string, string> = {};
  const context: BackendCallOptions = {
    paramPolicy: settings.paramPolicy,
    signal: link.controller.signal,
    onEvent: (event) => observer?.transportEvent?.(event),
    onNotes: (notes: ConversionNotes) => {
      const header = warningsHeader(notes);
      headers[WARNINGS_HEADER] = header;
      observer?.notes?.(notes, header);
    },
  };
  const failureOf = (err: unknown): OpenAIErrorResponse => {
    const failure = outgoing(toErrorResponse(link.why(err)), settings.secrets);
    observer?.failure?.(failure);
    return failure;
  };
  if (!call.stream) {
    try {
      return jsonResponse(200, await call.complete(context), headers);
    } catch (err) {
      const failure = failureOf(err);
      // The warnings header goes on an error answered after the conversion too.
      return jsonResponse(failure.status, failure.body, { ...headers, ...failure.headers });
    } finally {
      link.detach();
    }
  }
  let failedInBand: unknown;
  // Only a stream with failure events needs the settling layer (one generator less per event).
  const source = call.events(context);
  const events = (
    call.isFailureEvent === undefined
      ? source
      : settleFailureEvents(source, call.isFailureEvent, (err) => {
          failedInBand = err;
        })
  )[Symbol.asyncIterator]();
  let first: IteratorResult<object>;
  try {
    // Failures before the first event still get a proper HTTP status.
    first = await events.next();
  } catch (err) {
    link.detach();
    const failure = failureOf(err);
    // The warnings header goes on an error answered after the conversion too.
    return jsonResponse(failure.status, failure.body, { ...headers, ...failure.headers });
  }
  let pending: IteratorResult<object> | undefined = first;
  let chunks = 0;
  let firstTokenAt: number | undefined;
  let settled = false;
  const finish = (outcome: StreamOutcome) => {
    settled = true;
    link.detach();
    if (firstTokenAt !== undefined) outcome.firstTokenAt = firstTokenAt;
    observer?.stream?.(outcome);
  };
  /** Ends the stream for a reader that is gone: the upstream call aborted, the events closed. */
  const abandon = async (reason: unknown, error: BedrockBridgeError) => {
    if (!link.controller.signal.aborted) link.controller.abort(error);
    failureOf(error);
    finish({ ok: false, chunks, error: reason, clientGone: true });
    await events.return?.();
  };
  /** The stream ended (its `[DONE]` or its error event produced): nothing more to read. */
  let ended = false;
  /** `sseEvent` with the JSON the stream's chunks share encoded once. */
  const encode = sseEventEncoder();
  /** One event (or the end) as the text the reader gets. */
  const frame = (next: IteratorResult<object>): string | undefined => {
    if (settled) return undefined;
    try {
      if (next.done === true) {
        ended = true;
        if (failedInBand !== undefined) failureOf(failedInBand);
        finish(
          failedInBand === undefined
            ? { ok: true, chunks }
            : { ok: false, chunks, error: failedInBand, clientGone: false },
        );
        return SSE_DONE;
      }
      chunks += 1;
      if (firstTokenAt === undefined && call.isToken(next.value)) {
        firstTokenAt = performance.now();
        observer?.firstToken?.(firstTokenAt);
      }
      return encode(next.value);
    } catch (error) {
      return failed(error);
    }
  };
  /** The end of a stream whose events (or passing one on) failed. */
  const failed = (error: unknown): string | undefined => {
    if (settled) return undefined;
    if (callerSignal?.aborted === true) {
      // A fetch caller that aborted sees its own abort, as with a network fetch.
      failureOf(error);
      finish({ ok: false, chunks, error, clientGone: true });
      throw callerSignal.reason;
    }
    // A stream that fails part-way ends with one error event and no `[DONE]`, so no
    // client mistakes a broken answer for a finished one.
    ended = true;
    const event = sseEvent(failureOf(error).body);
    finish({ ok: false, chunks, error, clientGone: false });
    return event;
  };
  const text: SseTextSource = {
    read() {
      if (ended || settled) return Promise.resolve(undefined);
      // The first event is already read; later ones are awaited with one promise reaction
      // (no async function and its promises per event).
      if (pending !== undefined) {
        const next = pending;
        pending = undefined;
        return new Promise((resolve) => resolve(frame(next)));
      }
      return events.next().then(frame, failed);
    },
    async cancel(reason) {
      if (settled) return;
      // Abort before the source is closed: the upstream socket is released at once.
      await abandon(reason, abortError(reason, 'The client stopped reading the stream.'));
    },
  };
  /** Puts one read into the body: its bytes, and the close after the last event. */
  const put = (stream: ReadableStreamDefaultController<Uint8Array>, read: string | undefined) => {
    // Nothing more once the body was cancelled or errored (a caller's abort).
    if (settled && read === undefined && !ended) return;
    if (read !== undefined) stream.enqueue(encoder.encode(read));
    if (read === undefined || ended) stream.close();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(stream) {
        // A fetch caller that aborts while not reading (LangChain stops reading first) still
        // sees its abort, and the events are closed now rather than left suspended.
        if (callerSignal === undefined) return;
        const signal = callerSignal;
        const onAbort = () => {
          if (settled) return;
          stream.error(signal.reason);
          void abandon(signal.reason, abortError(signal.reason, 'aborted'));
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      },
      pull(stream) {
        return text.read().then(
          (read) => put(stream, read),
          (error: unknown) => stream.error(error),
        );
      },
      cancel: (reason) => text.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return attachSseTextSource(
    new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...headers } }),
    text,
  );
}
