import type { ConversionNotes } from './chat-completion.js';

/** Response header naming what the gateway did not send as asked (on streamed answers too). */
export const WARNINGS_HEADER = 'x-bedrock-bridge-warnings';

/** One entry as a header-safe string: printable ASCII, no `;` (it separates the entries). */
function headerSafe(text: string): string {
  return text
    .replace(/[^\x21-\x7e]+/g, ' ')
    .trim()
    .replaceAll(';', ',');
}

/**
 * The header's value: `dropped: <field>, <field>` first, then each warning, joined by `; `.
 * For example `dropped: top_p; temperature 1.5 clamped to 1, the model's maximum through Converse.`
 */
export function warningsHeader(notes: ConversionNotes): string {
  const entries = notes.dropped.length > 0 ? [`dropped: ${notes.dropped.join(', ')}`] : [];
  return [...entries, ...notes.warnings].map(headerSafe).join('; ');
}
