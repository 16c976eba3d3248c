import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { collectChatCompletion } from './collect-chat-completion.js';
import { fromConverseOutput } from './from-converse-output.js';
import { fromConverseStream } from './from-converse-stream.js';
import { StreamedArguments } from './streamed-arguments.js';
import { drain, replay } from './test-support/fixtures.js';

const base = { model: 'm', id: 'chatcmpl-1', created: 1 };

/** A one-tool-call answer streamed in the given argument fragments. */
function toolStream(fragments: string[], stop = true): ConverseStreamOutput[] {
  const events: ConverseStreamOutput[] = [
    { messageStart: { role: 'assistant' } },
    {
      contentBlockStart: {
        contentBlockIndex: 0,
        start: { toolUse: { toolUseId: 'tooluse_1', name: 'search' } },
      },
    },
  ];
  for (const input of fragments)
    events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input } } } });
  if (stop) events.push({ contentBlockStop: { contentBlockIndex: 0 } });
  events.push({ messageStop: { stopReason: 'tool_use' } });
  return events;
}

async function streamedArguments(events: ConverseStreamOutput[]): Promise<string[]> {
  const chunks = await drain(fromConverseStream(replay(events), base));
  return chunks.flatMap((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? []);
}

describe('raw-arguments wrapper in a stream', () => {
  it('gives back the exact string, as fromConverseOutput does for the same answer', async () => {
    const raw = 'city=Paris, "unquoted" {';
    const wrapped = JSON.stringify({ __raw_arguments: raw });
    const fragments = [
      wrapped.slice(0, 3),
      wrapped.slice(3, 11),
      wrapped.slice(11, 25),
      wrapped.slice(25),
    ];
    const events = toolStream(fragments);
    const streamed = await collectChatCompletion(fromConverseStream(replay(events), base));
    const call = streamed.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.arguments).toBe(raw);
    const whole = fromConverseOutput(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              {
                toolUse: {
                  toolUseId: 'tooluse_1',
                  name: 'search',
                  input: { __raw_arguments: raw },
                },
              },
            ],
          },
        },
        stopReason: 'tool_use',
      },
      base,
    );
    expect(streamed).toStrictEqual(whole);
  });

  it('unwraps even when the stream ends without contentBlockStop', async () => {
    const args = await streamedArguments(toolStream(['{ "__raw_arguments" : ', '"x y"}'], false));
    expect(args.join('')).toBe('x y');
  });

  it('streams ordinary arguments as they come, held back only for the first characters', async () => {
    const args = await streamedArguments(toolStream(['{"q"', ':"paris', '"}']));
    expect(args).toEqual(['', '{"q"', ':"paris', '"}']);
  });

  it('keeps what only looks like a wrapper exactly as the model wrote it', async () => {
    for (const text of [
      '{"__raw_arguments":"a","limit":2}',
      '{"__raw_arguments":42}',
      '{"__raw_arguments":"broken',
    ]) {
      const args = await streamedArguments(toolStream([text.slice(0, 7), text.slice(7)]));
      expect(args.join('')).toBe(text);
    }
  });
});

describe('StreamedArguments', () => {
  it('passes fragments through once they cannot start a wrapper', () => {
    const a = new StreamedArguments();
    expect(a.push('  {')).toBe('');
    expect(a.push('"ci')).toBe('  {"ci');
    expect(a.push('ty":1}')).toBe('ty":1}');
    expect(a.end()).toBe('');
    expect(a.length).toBe(12);
  });

  it('gives the held text back unchanged when the block ends undecided', () => {
    const a = new StreamedArguments();
    expect(a.push('{"__raw')).toBe('');
    expect(a.end()).toBe('{"__raw');
  });
});
