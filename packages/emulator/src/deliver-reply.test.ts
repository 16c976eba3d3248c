import { describe, expect, it } from 'vitest';
import { deliverReply } from './deliver-reply.js';
import type { Exchange } from './exchange.js';

/** Just what `deliverReply` calls on an exchange, recording the frames written. */
function recordingExchange(): { exchange: Exchange; frames: Uint8Array[]; ended: () => boolean } {
  const frames: Uint8Array[] = [];
  let ended = false;
  const exchange = {
    done: false,
    writeHead: () => {},
    write: async (chunk: Uint8Array) => {
      frames.push(chunk);
    },
    end: () => {
      ended = true;
    },
  } as unknown as Exchange;
  return { exchange, frames, ended: () => ended };
}

describe('deliverReply pacing', () => {
  it('keeps events paceMs apart on the clock, making up for sleeps that ran late', async () => {
    let clock = 1_000;
    const asked: number[] = [];
    const ctx = {
      paceMs: 20,
      now: () => clock,
      // Every sleep overshoots by 7 ms, as timers do on a busy loop.
      sleep: async (ms: number) => {
        asked.push(ms);
        clock += ms + 7;
      },
    };
    const { exchange, frames, ended } = recordingExchange();
    const events = Array.from({ length: 5 }, (_, i) => ({
      contentBlockDelta: { contentBlockIndex: 0, delta: { text: `t${i}` } },
    }));
    await deliverReply(ctx, exchange, { kind: 'stream', events }, undefined);
    expect(frames).toHaveLength(5);
    expect(ended()).toBe(true);
    // The first wait is the pace; each later one is shortened by the last overshoot.
    expect(asked).toEqual([20, 13, 13, 13]);
    // So event 4 went out at 1000 + 4 x 20 + 7 (the last overshoot only), not 1000 + 4 x 27.
    expect(clock).toBe(1_087);
  });

  it('never sends an event before it is due, when a sleep wakes up early', async () => {
    let clock = 0;
    const sentAt: number[] = [];
    const ctx = {
      paceMs: 20,
      now: () => clock,
      // Each sleep ends 0.6 ms short of what it was asked for (at least 0.4 ms).
      sleep: async (ms: number) => {
        clock += Math.max(0.4, ms - 0.6);
      },
    };
    const { exchange } = recordingExchange();
    const write = exchange.write.bind(exchange);
    exchange.write = async (chunk: Uint8Array) => {
      sentAt.push(clock);
      await write(chunk);
    };
    const events = Array.from({ length: 4 }, () => ({ metadata: {} }));
    await deliverReply(ctx, exchange, { kind: 'stream', events }, undefined);
    expect(sentAt).toHaveLength(4);
    sentAt.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(i * 20);
    });
  });

  it('sends an event at once when it is already due', async () => {
    let clock = 0;
    const asked: number[] = [];
    const ctx = {
      paceMs: 10,
      now: () => clock,
      sleep: async (ms: number) => {
        asked.push(ms);
        clock += 35; // far past the next two due times
      },
    };
    const { exchange, frames } = recordingExchange();
    const events = Array.from({ length: 4 }, () => ({ metadata: {} }));
    await deliverReply(ctx, exchange, { kind: 'stream', events }, undefined);
    expect(frames).toHaveLength(4);
    // Due at 10, 20, 30: the first sleep ends at 35, so events 2 and 3 go without sleeping.
    expect(asked).toEqual([10]);
  });

  it('keeps the pace after a pause fault: the pause shifts the events after it, no burst', async () => {
    let clock = 0;
    const sentAt: number[] = [];
    const ctx = {
      paceMs: 10,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms;
      },
    };
    const { exchange } = recordingExchange();
    const write = exchange.write.bind(exchange);
    exchange.write = async (chunk: Uint8Array) => {
      sentAt.push(clock);
      await write(chunk);
    };
    const events = Array.from({ length: 5 }, () => ({ metadata: {} }));
    await deliverReply(
      ctx,
      exchange,
      { kind: 'stream', events },
      {
        type: 'pause',
        afterEvents: 2,
        delayMs: 100,
      },
    );
    // Two events 10 ms apart, the pause, then the rest 10 ms apart again (not all at once).
    expect(sentAt).toEqual([0, 10, 120, 130, 140]);
  });

  it('never sleeps with paceMs 0 (not even for 0 ms); a pause still waits its delay', async () => {
    const asked: number[] = [];
    const ctx = {
      paceMs: 0,
      now: () => 0,
      sleep: async (ms: number) => {
        asked.push(ms);
      },
    };
    const events = Array.from({ length: 4 }, () => ({ metadata: {} }));
    const plain = recordingExchange();
    await deliverReply(ctx, plain.exchange, { kind: 'stream', events }, undefined);
    expect(plain.frames).toHaveLength(4);
    expect(asked).toEqual([]);
    const paused = recordingExchange();
    await deliverReply(
      ctx,
      paused.exchange,
      { kind: 'stream', events },
      {
        type: 'pause',
        afterEvents: 1,
        delayMs: 30,
      },
    );
    expect(paused.frames).toHaveLength(4);
    expect(asked).toEqual([30]);
  });
});
