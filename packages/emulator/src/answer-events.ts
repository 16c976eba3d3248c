import type { Answer } from './default-model.js';
import type { StreamEvent, Usage } from './types.js';

type Json = Record<string, unknown>;

/** Splits `text` into at most `parts` non-empty pieces of near-equal length. */
export function splitText(text: string, parts: number): string[] {
  const chars = Array.from(text);
  const n = Math.max(1, Math.min(parts, chars.length));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      chars
        .slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n))
        .join(''),
    );
  }
  return out.filter((piece) => piece !== '');
}

/** The ConverseStream events Bedrock would send for `answer`. */
export function answerToEvents(
  answer: Answer,
  deltas: number,
  latencyMs: number,
  echo: Record<string, unknown> = {},
): StreamEvent[] {
  const events: StreamEvent[] = [{ messageStart: { role: 'assistant' } }];
  answer.content.forEach((block, contentBlockIndex) => {
    const delta = (d: Json) => events.push({ contentBlockDelta: { contentBlockIndex, delta: d } });
    if (typeof block.text === 'string') {
      for (const text of splitText(block.text, deltas)) delta({ text });
    } else if (block.reasoningContent) {
      const r = (block.reasoningContent as { reasoningText?: Json }).reasoningText ?? {};
      for (const text of splitText(String(r.text ?? ''), deltas))
        delta({ reasoningContent: { text } });
      if (typeof r.signature === 'string') delta({ reasoningContent: { signature: r.signature } });
    } else if (block.toolUse) {
      const use = block.toolUse as Json;
      events.push({
        contentBlockStart: {
          contentBlockIndex,
          start: { toolUse: { toolUseId: use.toolUseId, name: use.name } },
        },
      });
      for (const input of splitText(JSON.stringify(use.input ?? {}), 2))
        delta({ toolUse: { input } });
    } else {
      return;
    }
    events.push({ contentBlockStop: { contentBlockIndex } });
  });
  events.push({ messageStop: { stopReason: answer.stopReason } });
  events.push({ metadata: { usage: answer.usage, metrics: { latencyMs }, ...echo } });
  return events;
}

/** Aggregates stream events into one Converse answer (for scripted events sent to `converse`). */
export function eventsToAnswer(events: StreamEvent[], fallbackUsage: Usage): Answer {
  const blocks = new Map<number, Json>();
  let stopReason = 'end_turn';
  let usage = fallbackUsage;
  for (const event of events) {
    const [type, payload] = Object.entries(event)[0] ?? [];
    const p = (payload ?? {}) as Json;
    const index = Number(p.contentBlockIndex ?? 0);
    if (type === 'contentBlockStart') {
      const use = (p.start as { toolUse?: Json } | undefined)?.toolUse;
      if (use) blocks.set(index, { toolUse: { ...use, input: '' } });
    } else if (type === 'contentBlockDelta') {
      const d = (p.delta ?? {}) as Json;
      const block = blocks.get(index) ?? {};
      if (typeof d.text === 'string') block.text = String(block.text ?? '') + d.text;
      if (d.toolUse) {
        const use = (block.toolUse ?? {}) as Json;
        use.input = String(use.input ?? '') + String((d.toolUse as Json).input ?? '');
        block.toolUse = use;
      }
      if (d.reasoningContent) {
        const r = d.reasoningContent as Json;
        const current = ((block.reasoningContent as Json | undefined)?.reasoningText ?? {}) as Json;
        if (typeof r.text === 'string') current.text = String(current.text ?? '') + r.text;
        if (typeof r.signature === 'string') current.signature = r.signature;
        block.reasoningContent = { reasoningText: current };
      }
      blocks.set(index, block);
    } else if (type === 'messageStop') {
      stopReason = String(p.stopReason ?? stopReason);
    } else if (type === 'metadata' && p.usage) {
      usage = p.usage as Usage;
    }
  }
  const content = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, block]) => {
      const use = block.toolUse as Json | undefined;
      if (use && typeof use.input === 'string') {
        try {
          use.input = use.input === '' ? {} : JSON.parse(use.input);
        } catch {
          // keep the raw text: the script asked for it
        }
      }
      return block;
    });
  return { content, stopReason, usage };
}
