/*
 * The `param` of an error, from the path of the field at fault: `messages[2].content`. Keys a
 * client chose are quoted when they would read ambiguously (`[""]`, `["a.b"]`) and shortened
 * when long, so a param never echoes megabytes back.
 */

/** Longest key shown in a param, and longest param. */
const MAX_KEY_CHARS = 64;
const MAX_PARAM_CHARS = 256;

/** Shortens `text` to `max` characters, saying how long it was. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…(${text.length} characters)`;
}

function showKey(key: string): string {
  const shown = capText(key, MAX_KEY_CHARS);
  return /^[^.[\]"\s]+$/.test(shown) ? shown : JSON.stringify(shown);
}

/** `['messages', 2, 'content']` -> `messages[2].content`; `['']` -> `[""]`. */
export function paramFromPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const shown = showKey(String(key));
      if (shown.startsWith('"')) out += `[${shown}]`;
      else out += out === '' ? shown : `.${shown}`;
    }
    if (out.length > MAX_PARAM_CHARS) return capText(out, MAX_PARAM_CHARS);
  }
  return out;
}
