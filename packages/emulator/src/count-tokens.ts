/** The emulator's token count: characters / 4, rounded up. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Every piece of text a Converse request sends to the model, in order. */
function requestTextParts(body: Record<string, unknown>): string[] {
  const parts: string[] = [];
  const system = body.system;
  if (Array.isArray(system)) {
    for (const block of system) {
      if (typeof block?.text === 'string') parts.push(block.text);
    }
  }
  const messages = body.messages;
  if (Array.isArray(messages)) {
    for (const message of messages) {
      const content = (message as { content?: unknown })?.content;
      if (!Array.isArray(content)) continue;
      for (const block of content) parts.push(blockText(block));
    }
  }
  const tools = (body.toolConfig as { tools?: unknown } | undefined)?.tools;
  if (Array.isArray(tools)) parts.push(JSON.stringify(tools));
  return parts;
}

/** Every piece of text a Converse request sends to the model, one line break between pieces. */
export function collectRequestText(body: Record<string, unknown>): string {
  return requestTextParts(body).join('\n');
}

/**
 * The tokens of `collectRequestText(body)`, counted from the pieces' lengths without joining
 * them (a 100K-token prompt would be copied into one more 400 KB string per count).
 */
export function countRequestTokens(body: Record<string, unknown>): number {
  const parts = requestTextParts(body);
  let length = Math.max(0, parts.length - 1);
  for (const part of parts) length += part.length;
  return Math.ceil(length / 4);
}

/** The text a content block carries (tool inputs and results as JSON). */
export function blockText(block: unknown): string {
  if (typeof block !== 'object' || block === null) return '';
  const b = block as Record<string, unknown>;
  if (typeof b.text === 'string') return b.text;
  if (b.toolUse) return JSON.stringify((b.toolUse as { input?: unknown }).input ?? {});
  if (b.toolResult) {
    const content = (b.toolResult as { content?: unknown }).content;
    if (!Array.isArray(content)) return '';
    return content
      .map((c: Record<string, unknown>) =>
        typeof c?.text === 'string' ? c.text : c?.json !== undefined ? JSON.stringify(c.json) : '',
      )
      .join('\n');
  }
  const reasoning = b.reasoningContent as { reasoningText?: { text?: unknown } } | undefined;
  if (typeof reasoning?.reasoningText?.text === 'string') return reasoning.reasoningText.text;
  return '';
}
