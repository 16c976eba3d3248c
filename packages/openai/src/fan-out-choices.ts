import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  CompletionUsage,
} from '@bedrock-bridge/format';

/*
 * OpenAI's `n` (several choices for one prompt): Converse answers one choice a call, so `n` > 1
 * is served by `n` concurrent calls. Choices are numbered by call; usage is summed; streamed
 * chunks are interleaved as they arrive, each carrying its choice's index.
 */

/** The most choices one request may ask for (`n`). */
export const MAX_CHOICES = 8;

/** The number of calls a request needs; a 400 naming `n` above `MAX_CHOICES`. */
export function choiceCount(request: ChatCompletionRequest): number {
  const n = request.n ?? 1;
  if (n > MAX_CHOICES) {
    throw new BedrockBridgeError({
      kind: 'validation',
      code: 'invalid_value',
      param: 'n',
      message: `n = ${n} asks for more choices than this gateway serves for one request (at most ${MAX_CHOICES}); each choice is a separate Bedrock call.`,
    });
  }
  return n;
}

/** The request one of the calls sends (`n` removed). */
export function singleChoice(request: ChatCompletionRequest): ChatCompletionRequest {
  const { n: _n, ...rest } = request;
  return rest;
}

function addUsage(a: CompletionUsage | undefined, b: CompletionUsage | null | undefined) {
  if (b == null) return a;
  if (a === undefined) return { ...b };
  const sum: CompletionUsage = {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
  const cached =
    (a.prompt_tokens_details?.cached_tokens ?? 0) + (b.prompt_tokens_details?.cached_tokens ?? 0);
  if (cached > 0) sum.prompt_tokens_details = { cached_tokens: cached };
  const reasoning =
    (a.completion_tokens_details?.reasoning_tokens ?? 0) +
    (b.completion_tokens_details?.reasoning_tokens ?? 0);
  if (reasoning > 0) sum.completion_tokens_details = { reasoning_tokens: reasoning };
  return sum;
}

/** `n` whole answers as one: choices numbered by answer, usage summed. */
export function mergeCompletions(answers: readonly ChatCompletion[]): ChatCompletion {
  const [first] = answers;
  if (first === undefined) throw new Error('mergeCompletions needs at least one answer');
  let usage: CompletionUsage | undefined;
  for (const answer of answers) usage = addUsage(usage, answer.usage);
  const merged: ChatCompletion = {
    ...first,
    choices: answers.flatMap((answer, i) => answer.choices.map((c) => ({ ...c, index: i }))),
  };
  if (usage !== undefined) merged.usage = usage;
  return merged;
}

/**
 * `n` chunk streams as one: chunks as they arrive, each choice's index set to its stream's, one
 * id for all; the usage chunks (when asked for) summed into one at the end. A failing stream
 * fails the whole answer (the others are cancelled).
 */
export async function* mergeStreams(
  streams: readonly AsyncIterable<ChatCompletionChunk>[],
): AsyncIterable<ChatCompletionChunk> {
  const iterators = streams.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<ChatCompletionChunk> }>>();
  const pull = (i: number) => {
    const it = iterators[i] as AsyncIterator<ChatCompletionChunk>;
    pending.set(
      i,
      it.next().then((r) => ({ i, r })),
    );
  };
  for (let i = 0; i < iterators.length; i++) pull(i);
  let id: string | undefined;
  let usage: CompletionUsage | undefined;
  let last: ChatCompletionChunk | undefined;
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      const chunk = r.value;
      id ??= chunk.id;
      last = chunk;
      if (chunk.usage != null && chunk.choices.length === 0) {
        usage = addUsage(usage, chunk.usage);
        continue;
      }
      yield { ...chunk, id, choices: chunk.choices.map((c) => ({ ...c, index: i })) };
    }
    if (usage !== undefined && last !== undefined) {
      yield { ...last, id: id ?? last.id, choices: [], usage };
    }
  } finally {
    await Promise.allSettled(iterators.map((it) => it.return?.()));
  }
}
