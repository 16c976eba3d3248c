import { createInterface } from 'node:readline';
import { toBedrockBridgeError } from '@bedrock-bridge/errors';
import type { ChatCompletionMessageParam } from '@bedrock-bridge/format';
import { chatCompletionStream, createBackend } from '@bedrock-bridge/openai';
import { createStack, isNoCredentialsError, type Stack } from '../create-stack.js';
import type { ChatFlags } from '../program.js';

/** Terminal streams of a chat session. */
export interface ChatIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where SIGINT comes from when input is not a terminal. Default `process`. */
  signals?: NodeJS.EventEmitter;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const HELP =
  'commands: /model <id> switch model, /model show it, /reset forget the conversation, /help, /exit quit';

/** A spinner on a TTY until `stop()`; nothing elsewhere. */
function spinner(out: ChatIO['output']): { stop(): void } {
  if (!out.isTTY) return { stop() {} };
  let i = 0;
  out.write(FRAMES[0] ?? '');
  const timer = setInterval(() => out.write(`\b${FRAMES[++i % FRAMES.length]}`), 80);
  return {
    stop() {
      clearInterval(timer);
      out.write('\b \b');
    },
  };
}

/** Runs an interactive chat on `io` against `stack` until /exit or end of input. */
export async function runChat(flags: ChatFlags, stack: Stack, io: ChatIO): Promise<void> {
  const out = io.output;
  const tty = out.isTTY === true;
  const backend = createBackend(stack);
  /** Chat model ids callable as listed, `undefined` when discovery is unavailable. */
  const chatModelIds = async (): Promise<string[] | undefined> => {
    const list = await backend.discovered();
    return list?.filter((m) => m.capabilities.chat).map((m) => m.id);
  };
  let model = flags.model;
  let history: ChatCompletionMessageParam[] = [];
  let answering: AbortController | undefined;
  const rl = createInterface({ input: io.input, output: out, terminal: tty });
  // readline redraws this prompt when it edits the line (the draft cleared by Ctrl-C).
  rl.setPrompt(tty ? 'you › ' : '');
  const prompt = () => tty && out.write('you › ');
  const onInterrupt = () => {
    if (answering) {
      answering.abort();
      return;
    }
    // At the prompt: the draft is dropped (Ctrl-E, Ctrl-U: end of line, then delete to its start).
    if (tty) {
      rl.write(null, { ctrl: true, name: 'e' });
      rl.write(null, { ctrl: true, name: 'u' });
    }
    out.write('\n(Ctrl-C clears the line or cancels an answer; /exit or Ctrl-D quits)\n');
    prompt();
  };
  rl.on('SIGINT', onInterrupt);
  const signals = io.signals ?? process;
  signals.on('SIGINT', onInterrupt);
  out.write(`bedrock-bridge chat · model ${model} · ${stack.endpoint ?? stack.region} · ${HELP}\n`);
  prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '') {
        prompt();
        continue;
      }
      if (line.startsWith('/')) {
        const [command, ...args] = line.split(/\s+/);
        if (command === '/exit' || command === '/quit') break;
        if (command === '/reset') {
          history = [];
          out.write('(conversation cleared)\n');
        } else if (command === '/model') {
          if (args[0]) {
            const known = await chatModelIds();
            const id = args[0];
            // A bare id whose model is called through a profile (`us.<id>`) counts as listed.
            if (known === undefined || known.some((k) => k === id || k.endsWith(`.${id}`))) {
              model = id;
              if (known === undefined) out.write('(the model list is unavailable: not checked)\n');
            } else {
              out.write(
                `(unknown model ${id}: \`bedrock-bridge models\` lists the ids; keeping ${model})\n`,
              );
            }
          }
          out.write(`(model: ${model})\n`);
        } else if (command === '/help') out.write(`${HELP}\n`);
        else out.write(`(unknown command ${command}) ${HELP}\n`);
        prompt();
        continue;
      }
      history.push({ role: 'user', content: line });
      answering = new AbortController();
      // The label first: the spinner draws after it and erases only its own frame.
      out.write('assistant › ');
      const spin = spinner(out);
      let started = false;
      let text = '';
      try {
        const chunks = chatCompletionStream(
          {
            model,
            messages: flags.system
              ? [{ role: 'system', content: flags.system }, ...history]
              : history,
            stream: true,
          },
          {
            transport: stack.transport,
            region: stack.region,
            discovered: await backend.discovered(),
            signal: answering.signal,
          },
        );
        for await (const chunk of chunks) {
          const delta = chunk.choices[0]?.delta.content;
          if (!delta) continue;
          if (!started) spin.stop();
          started = true;
          text += delta;
          out.write(delta);
        }
        if (!started) spin.stop();
        history.push({ role: 'assistant', content: text });
        out.write('\n');
      } catch (error) {
        if (!started) spin.stop();
        history.pop();
        if (answering.signal.aborted) out.write(' [cancelled]\n');
        else {
          const e = toBedrockBridgeError(error);
          out.write(`\n[error: ${e.kind}] ${e.message}\n`);
        }
      } finally {
        answering = undefined;
      }
      prompt();
    }
  } finally {
    signals.off('SIGINT', onInterrupt);
    rl.close();
  }
}

/** `bedrock-bridge chat`. */
export async function chatCommand(flags: ChatFlags): Promise<void> {
  // The SDK's advice about future Node versions would print in the middle of the transcript
  // (`serve` still shows it, on stderr). Set AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED
  // to anything else to see it here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let stack: Stack;
  try {
    stack = await createStack({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.emulator ? { emulator: { paceMs: 25 } } : {}),
    });
  } catch (error) {
    if (!isNoCredentialsError(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await runChat(flags, stack, { input: process.stdin, output: process.stdout });
  } finally {
    await stack.close();
  }
}
