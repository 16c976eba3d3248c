import { baseHeaders } from './bedrock-error.js';
import { corruptFrame, encodeEvent } from './event-frames.js';
import type { Exchange } from './exchange.js';
import { streamExceptionPayload } from './fault-error.js';
import type { Reply } from './runtime-handler.js';
import type { Fault, StreamEvent } from './types.js';

/** What delivery needs from the emulator: its pace between stream events. */
export interface DeliveryPacing {
  /** Milliseconds between two events of a stream: event `i` is due `i * paceMs` after the first. */
  paceMs: number;
  sleep: (ms: number) => Promise<void>;
  /** The clock the pace is kept on, in ms. Default `performance.now`. */
  now?: () => number;
}

const MID_STREAM = new Set(['stream-exception', 'cut', 'reset', 'stall', 'corrupt-frame', 'pause']);

/**
 * Acts out a mid-response fault. Returns `'abandon'` when the response must not be ended
 * normally, `'end'` to end it now, `'continue'` to send the rest as usual.
 */
async function act(
  ctx: DeliveryPacing,
  exchange: Exchange,
  fault: Fault,
  next: StreamEvent | undefined,
): Promise<'abandon' | 'end' | 'continue'> {
  switch (fault.type) {
    case 'stream-exception':
      await exchange.write(encodeEvent({ [fault.exception]: streamExceptionPayload(fault) }));
      return 'end';
    case 'corrupt-frame':
      await exchange.write(corruptFrame(encodeEvent(next ?? { metadata: {} })));
      return 'end';
    case 'cut':
      exchange.cut();
      return 'abandon';
    case 'reset':
      exchange.reset();
      return 'abandon';
    case 'stall':
      return 'abandon';
    case 'pause':
      await ctx.sleep(fault.delayMs);
      return 'continue';
    // Not mid-response faults: answered before (errors, drops, delays) or by filtering events.
    case 'throttling':
    case 'service-unavailable':
    case 'internal-server':
    case 'model-not-ready':
    case 'model-timeout':
    case 'context-overflow':
    case 'access-denied':
    case 'invalid-credentials':
    case 'quota-exceeded':
    case 'model-error':
    case 'blackhole':
    case 'stale-keep-alive':
    case 'no-message-stop':
    case 'slow-first-byte':
      return 'end';
    default: {
      const unreachable: never = fault;
      throw new TypeError(`Unknown fault ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A `metadata` event whose latency is measured now (so it includes the pacing before it). */
function measured(event: StreamEvent, startedAt: number | undefined): StreamEvent {
  const metadata = event.metadata as Record<string, unknown> | undefined;
  if (startedAt === undefined || metadata === undefined) return event;
  const metrics = {
    ...(metadata.metrics as Record<string, unknown>),
    latencyMs: Date.now() - startedAt,
  };
  return { metadata: { ...metadata, metrics } };
}

/** Sends `reply`, acting out `fault` where it belongs (after K events, or mid-body for JSON). */
export async function deliverReply(
  ctx: DeliveryPacing,
  exchange: Exchange,
  reply: Reply,
  fault: Fault | undefined,
): Promise<void> {
  const mid = fault && MID_STREAM.has(fault.type) ? fault : undefined;
  if (reply.kind === 'json') {
    const bytes = Buffer.from(JSON.stringify(reply.body));
    const headers = { ...baseHeaders(), ...reply.headers };
    if (!mid) return exchange.respond(reply.status, headers, bytes);
    if (mid.type === 'corrupt-frame') {
      bytes[0] = 0x23; // '#': the body is no longer JSON
      return exchange.respond(reply.status, headers, bytes);
    }
    exchange.writeHead(reply.status, { ...headers, 'content-length': String(bytes.length) });
    await exchange.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    if ((await act(ctx, exchange, mid, undefined)) !== 'abandon') {
      exchange.end(bytes.subarray(Math.floor(bytes.length / 2)));
    }
    return;
  }
  const events =
    fault?.type === 'no-message-stop'
      ? reply.events.filter((e) => !('messageStop' in e) && !('metadata' in e))
      : reply.events;
  const afterEvents = mid && 'afterEvents' in mid ? (mid.afterEvents ?? 2) : 2;
  exchange.writeHead(200, baseHeaders('application/vnd.amazon.eventstream'));
  // Each event is due `paceMs` after the one before it was due, not after it was sent: a sleep
  // that ran late (a busy loop with many streams) is made up by the next one, so the pace holds.
  const now = ctx.now ?? (() => performance.now());
  let due = now();
  for (let i = 0; i <= events.length; i++) {
    if (exchange.done) return;
    if (mid && i === Math.min(afterEvents, events.length)) {
      const then = await act(ctx, exchange, mid, events[i]);
      if (then === 'abandon') return;
      if (then === 'end') break;
      if (exchange.done) return;
      // A pause shifts the events after it: they keep their pace from its end, not catch up.
      due = now();
    }
    const event = events[i];
    if (!event) break;
    await exchange.write(encodeEvent(measured(event, reply.startedAt)));
    if (ctx.paceMs > 0 && i < events.length - 1) {
      due += ctx.paceMs;
      // Never before it is due: a timer may wake up to a millisecond early (timers count whole
      // milliseconds of the loop's cached time), so sleep again for what is left.
      for (let wait = due - now(); wait > 0; wait = due - now()) await ctx.sleep(wait);
    }
  }
  exchange.end();
}
