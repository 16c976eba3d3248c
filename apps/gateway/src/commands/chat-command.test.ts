import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createStack, type Stack } from '../create-stack.js';
import { runChat } from './chat-command.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** What a terminal shows for `text`: each backspace moves back one character (code point). */
function screen(text: string): string {
  const cells: string[] = [];
  let at = 0;
  for (const ch of text) {
    if (ch === '\b') at = Math.max(0, at - 1);
    else if (ch === '\n') {
      cells.push('\n');
      at = cells.length;
    } else {
      cells[at] = ch;
      at += 1;
    }
  }
  return cells.join('');
}

async function session(
  lines: string[],
  system?: string,
  tty = false,
  setup?: (stack: Stack) => void,
) {
  stack = await createStack({ emulator: { deltas: 4 }, env: {} });
  setup?.(stack);
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  let text = '';
  output.on('data', (d: Buffer) => {
    text += d;
  });
  const done = runChat(
    { model: 'anthropic.claude-3-haiku-20240307-v1:0', ...(system ? { system } : {}) },
    stack,
    { input, output },
  );
  input.end(`${lines.join('\n')}\n`);
  await done;
  return { text, requests: stack.emulator?.requests ?? [] };
}

describe('bedrock-bridge chat', () => {
  it('on a terminal, spins after the label until the first token, and leaves the label whole', async () => {
    const { text } = await session(['spin for me', '/exit'], undefined, true);
    expect(text).toMatch(/assistant › [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/u); // the spinner ran
    expect(screen(text)).toContain('assistant › Echo: spin for me');
  });

  it('streams answers, switches model, resets, and exits', async () => {
    const { text, requests } = await session([
      'hello there',
      '/model us.anthropic.claude-sonnet-4-20250514-v1:0',
      'second question',
      '/reset',
      'after reset',
      '/exit',
      'never sent',
    ]);
    expect(text).toContain('assistant › Echo: hello there');
    expect(text).toContain('(model: us.anthropic.claude-sonnet-4-20250514-v1:0)');
    expect(text).toContain('Echo: second question');
    expect(text).toContain('(conversation cleared)');
    expect(text).toContain('Echo: after reset');
    expect(text).not.toContain('never sent');
    const runtime = requests.filter((r) => r.operation === 'converse-stream');
    expect(runtime.map((r) => r.modelId)).toEqual([
      'anthropic.claude-3-haiku-20240307-v1:0',
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
    ]);
    const bodies = runtime.map((r) => (r.body as { messages: unknown[] }).messages.length);
    // the second turn carries the first exchange; after /reset the history is empty again
    expect(bodies).toEqual([1, 3, 1]);
  });

  it('sends the system prompt and reports errors without leaving the chat', async () => {
    const { text, requests } = await session(
      ['hi', 'again', '/model', '/exit'],
      'Be terse.',
      false,
      (s) => s.emulator?.inject({ type: 'context-overflow' }),
    );
    expect(text).toMatch(/\[error: context_overflow\]/);
    expect(text).toContain('Echo: again');
    expect(text).toContain('(model: anthropic.claude-3-haiku-20240307-v1:0)');
    const last = requests.filter((r) => r.operation === 'converse-stream').at(-1);
    expect((last?.body as { system?: unknown } | undefined)?.system).toEqual([
      { text: 'Be terse.' },
    ]);
  });

  it('Ctrl-C cancels the answer, not the program', async () => {
    stack = await createStack({ emulator: { deltas: 4 }, env: {} });
    stack.emulator?.inject({ type: 'stall', afterEvents: 3, operation: 'converse-stream' });
    const input = new PassThrough();
    const output = new PassThrough();
    const signals = new EventEmitter();
    let text = '';
    output.on('data', (d: Buffer) => {
      text += d;
    });
    const done = runChat({ model: 'anthropic.claude-3-haiku-20240307-v1:0' }, stack, {
      input,
      output,
      signals,
    });
    input.write('first question\n');
    await expect.poll(() => text, { timeout: 10_000 }).toContain('Echo');
    signals.emit('SIGINT');
    await expect.poll(() => text, { timeout: 10_000 }).toContain('[cancelled]');
    input.end('second question\n/exit\n');
    await done;
    expect(text).toContain('Echo: second question');
    const runtime = (stack.emulator?.requests ?? []).filter(
      (r) => r.operation === 'converse-stream',
    );
    // the cancelled exchange is not in the history of the next turn
    expect((runtime.at(-1)?.body as { messages: unknown[] } | undefined)?.messages).toHaveLength(1);
  });

  it('says an unknown command is unknown, and refuses a model id that is not listed', async () => {
    const { text, requests } = await session(['/foo', '/model acme.nope-v1:0', 'hi', '/exit']);
    expect(text).toContain('(unknown command /foo)');
    expect(text).toContain('(unknown model acme.nope-v1:0');
    const sent = requests.filter((r) => r.operation === 'converse-stream');
    expect(sent.at(-1)?.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('on a terminal, Ctrl-C at the prompt drops the draft instead of sending it later', async () => {
    stack = await createStack({ emulator: {}, env: {} });
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    output.on('data', (d: Buffer) => {
      text += d;
    });
    const done = runChat({ model: 'anthropic.claude-3-haiku-20240307-v1:0' }, stack, {
      input,
      output,
      signals: new EventEmitter(),
    });
    input.write('draft');
    input.write('\x03');
    input.write('hello\r');
    await expect.poll(() => text, { timeout: 10_000 }).toContain('Echo: hello');
    input.end('/exit\r');
    await done;
    expect(text).toContain('Ctrl-C clears the line');
    expect(text).not.toContain('Echo: drafthello');
  });
});
