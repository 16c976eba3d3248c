import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { emulatorFixture, post } from './test-support/harness.js';
import { drain, HAIKU, HANDLERS, userSays } from './test-support/sdk.js';
import type { Emulator } from './types.js';

/** The options that shape a fault's answer: `retryAfterSeconds` and a stream exception's `message`. */

const fx = emulatorFixture();

const converse = () =>
  post(fx.emulator.url, `/model/${HAIKU}/converse`, { authorization: 'Bearer t' });

describe('throttling Retry-After on the wire', () => {
  it.each<[number | undefined, string | null]>([
    [undefined, null],
    [0, '0'],
    [2, '2'],
    [1.2, '2'],
    [0.001, '1'],
  ])(
    'retryAfterSeconds %s sends Retry-After %s (whole seconds, rounded up)',
    async (seconds, header) => {
      fx.emulator.inject({
        type: 'throttling',
        ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
      });
      const res = await converse();
      expect(res.status).toBe(429);
      expect(res.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
      expect(res.headers.get('retry-after')).toBe(header);
      expect(((await res.json()) as { message: string }).message).toBe(
        'Too many requests, please wait before trying again.',
      );
    },
  );

  it('rejects a retryAfterSeconds that is not a finite number >= 0', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expect(() => fx.emulator.inject({ type: 'throttling', retryAfterSeconds: bad })).toThrow(
        /retryAfterSeconds must be a finite number >= 0/,
      );
    }
  });
});

describe.each(HANDLERS)('stream-exception message over %s', (kind) => {
  const client = () => fx.client(kind, { maxAttempts: 1 });
  const input = { modelId: HAIKU, messages: userSays('say something') };

  it('defaults to the context-overflow wording for validationException', async () => {
    fx.emulator.inject({
      type: 'stream-exception',
      exception: 'validationException',
      afterEvents: 1,
    });
    const out = await client().send(new ConverseStreamCommand(input));
    const { types, error } = await drain(out.stream);
    expect(types).toEqual(['messageStart']);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: 'The model returned the following errors: Input is too long for requested model.',
    });
  });

  it('carries a given message in the exception frame', async () => {
    const message = 'messages.0.content.0.text: blank text is not allowed';
    fx.emulator.inject({
      type: 'stream-exception',
      exception: 'validationException',
      afterEvents: 2,
      message,
    });
    const out = await client().send(new ConverseStreamCommand(input));
    const { types, error } = await drain(out.stream);
    expect(types).toEqual(['messageStart', 'contentBlockDelta']);
    expect(error).toMatchObject({ name: 'ValidationException', message });
  });

  it('carries a given message in the HTTP error a converse request gets', async () => {
    const message = 'Malformed input request: #/temperature: expected type: Number';
    fx.emulator.inject({ type: 'stream-exception', exception: 'validationException', message });
    const error = await client()
      .send(new ConverseCommand(input))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message,
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('stream-exception message validation', () => {
  it('must be a non-empty string, and only on stream-exception and model-error faults', () => {
    expect(() =>
      fx.emulator.inject({
        type: 'stream-exception',
        exception: 'throttlingException',
        message: ' ',
      }),
    ).toThrow(/message must be a non-empty string/);
    expect(() =>
      fx.emulator.inject({ type: 'throttling', message: 'x' } as unknown as Parameters<
        Emulator['inject']
      >[0]),
    ).toThrow(/message is only for stream-exception and model-error faults/);
  });
});
