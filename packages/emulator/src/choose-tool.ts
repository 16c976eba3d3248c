type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const STOP_WORDS = new Set(
  'the and for with that this what which who whom whose are was were you your yours our can could would should will shall may might must please tell give show from into about have has had get got not but how why when where there their them they its just also any all some one out use using'.split(
    ' ',
  ),
);

/** Content words of `text`: lower case, split on non-alphanumerics and camelCase, 3+ letters. */
export function words(text: string): Set<string> {
  const spaced = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const out = new Set<string>();
  for (const word of spaced.split(/[^a-z0-9]+/)) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    out.add(word);
    // A crude stem, so "weather" meets "weathers" and "search" meets "searching".
    out.add(word.replace(/(ing|es|s|ed)$/, ''));
  }
  return out;
}

function score(tool: Json, asked: Set<string>): number {
  let total = 0;
  for (const w of words(String(tool.name ?? ''))) if (asked.has(w)) total += 2;
  for (const w of words(String(tool.description ?? ''))) if (asked.has(w)) total += 1;
  return total;
}

/**
 * The tool the default model calls, or undefined to answer in text. A forcing `toolChoice`
 * (`tool` names it, `any` takes the best match or the first tool) always calls one; `auto` calls
 * the tool whose name (2 points a word) and description (1 point a word) best match the last user
 * message, when it scores 2 or more; `call <name>` in the message names one outright.
 */
export function chooseTool(toolConfig: unknown, text: string): Json | undefined {
  if (!isObject(toolConfig)) return undefined;
  const tools = (Array.isArray(toolConfig.tools) ? toolConfig.tools : [])
    .map((t) => (isObject(t) && isObject(t.toolSpec) ? t.toolSpec : undefined))
    .filter((t): t is Json => t !== undefined);
  if (tools.length === 0) return undefined;
  const named = (name: unknown) => tools.find((t) => t.name === name);
  const choice = isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : {};
  if (isObject(choice.tool)) return named(choice.tool.name);
  const asked = /\bcall\s+([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (asked && named(asked)) return named(asked);
  const askedWords = words(text);
  let best: Json | undefined;
  let bestScore = 0;
  for (const tool of tools) {
    const s = score(tool, askedWords);
    if (s > bestScore) {
      best = tool;
      bestScore = s;
    }
  }
  if (isObject(choice.any)) return best ?? tools[0];
  return bestScore >= 2 ? best : undefined;
}
