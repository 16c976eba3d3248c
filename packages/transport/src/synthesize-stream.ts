import type {
  ContentBlock,
  ConverseCommandOutput,
  ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';

function blockEvents(block: ContentBlock, index: number): ConverseStreamOutput[] {
  const stop: ConverseStreamOutput = { contentBlockStop: { contentBlockIndex: index } };
  if (block.text !== undefined) {
    return [{ contentBlockDelta: { contentBlockIndex: index, delta: { text: block.text } } }, stop];
  }
  if (block.toolUse !== undefined) {
    const { toolUseId, name, input } = block.toolUse;
    return [
      { contentBlockStart: { contentBlockIndex: index, start: { toolUse: { toolUseId, name } } } },
      {
        contentBlockDelta: {
          contentBlockIndex: index,
          delta: { toolUse: { input: JSON.stringify(input ?? {}) } },
        },
      },
      stop,
    ];
  }
  if (block.reasoningContent !== undefined) {
    const out: ConverseStreamOutput[] = [];
    const reasoning = block.reasoningContent;
    if (reasoning.reasoningText !== undefined) {
      const { text, signature } = reasoning.reasoningText;
      if (text !== undefined) {
        out.push({
          contentBlockDelta: { contentBlockIndex: index, delta: { reasoningContent: { text } } },
        });
      }
      if (signature !== undefined) {
        out.push({
          contentBlockDelta: {
            contentBlockIndex: index,
            delta: { reasoningContent: { signature } },
          },
        });
      }
    }
    if (reasoning.redactedContent !== undefined) {
      out.push({
        contentBlockDelta: {
          contentBlockIndex: index,
          delta: { reasoningContent: { redactedContent: reasoning.redactedContent } },
        },
      });
    }
    out.push(stop);
    return out;
  }
  // Other block types have no streaming shape worth inventing; the caller still sees the block
  // boundaries so indexes stay aligned with the Converse answer.
  return [stop];
}

/**
 * Replays a Converse answer as the ConverseStream events Bedrock would have sent:
 * `messageStart`, per block its start/delta/stop events, `messageStop`, `metadata`.
 * Used by `fallbackToNonStreaming` when streaming is denied.
 */
export function synthesizeStream(output: ConverseCommandOutput): ConverseStreamOutput[] {
  const message = output.output?.message;
  const events: ConverseStreamOutput[] = [{ messageStart: { role: message?.role ?? 'assistant' } }];
  (message?.content ?? []).forEach((block, index) => {
    events.push(...blockEvents(block, index));
  });
  events.push({
    messageStop: {
      stopReason: output.stopReason,
      ...(output.additionalModelResponseFields !== undefined
        ? { additionalModelResponseFields: output.additionalModelResponseFields }
        : {}),
    },
  });
  events.push({
    metadata: {
      usage: output.usage,
      metrics: { latencyMs: output.metrics?.latencyMs },
      ...(output.trace !== undefined ? { trace: output.trace } : {}),
      ...(output.performanceConfig !== undefined
        ? { performanceConfig: output.performanceConfig }
        : {}),
      ...(output.serviceTier !== undefined ? { serviceTier: output.serviceTier } : {}),
    },
  });
  return events;
}
