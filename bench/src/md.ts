/** Text safe inside one markdown table cell: no pipes, no line breaks, at most `max` characters. */
export function mdCell(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/\|/g, '\\|');
}
