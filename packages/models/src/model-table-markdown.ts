import { citedSources, MODEL_SOURCES, MODEL_TABLE, type ModelRow } from './model-table.js';

/**
 * The README's table of chat rows, the list of other rows and the table of cited sources, built
 * from the table itself (internal: `npm run table` prints it, and `model-table-markdown.test.ts`
 * fails when the README's copy differs, so the README cannot drift from the rows).
 */
export function modelTableMarkdown(
  rows: readonly ModelRow[] = MODEL_TABLE,
  sources: ReadonlyMap<string, string> = MODEL_SOURCES,
): string {
  const chat = rows.filter((row) => row.task === 'chat');
  const others = rows.filter((row) => row.task !== 'chat');
  const lines = [
    '| Key (id prefix) | Model | Context | Output | Tools (stream) | Vision / docs | Reasoning | Caching | Profile | Sources |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...chat.map(chatLine),
    '',
    `Not chat models (\`chat: false\`, Converse rejects them): ${others
      .map((row) => `\`${row.key}\` (${row.task})`)
      .join(', ')}.`,
    '',
    '### Sources the rows cite',
    '',
    '| Key | Where |',
    '| --- | --- |',
    ...[...sources].map(([key, where]) => `| \`${key}\` | ${where} |`),
  ];
  return lines.join('\n');
}

function chatLine(row: ModelRow): string {
  let context = tokens(row.contextWindow);
  if (row.extendedContext !== null) {
    context += ` (${tokens(row.extendedContext.contextWindow)} beta)`;
  }
  let tools = row.toolUse ? `yes (${yesNo(row.streamingToolUse)})` : 'no';
  if (row.toolUse && !row.forcedToolChoice && row.provider === 'anthropic') {
    tools += ', no forced choice';
  }
  const caching =
    row.promptCaching === null
      ? '—'
      : `${row.promptCaching.locations.join('+')} ≥${row.promptCaching.minTokens.toLocaleString('en-US')}`;
  const cited = [...citedSources(row.source)].sort().join(' ');
  return [
    `\`${row.key}\``,
    row.name,
    context,
    tokens(row.maxOutputTokens),
    tools,
    `${yesNo(row.vision)} / ${yesNo(row.documents)}`,
    row.reasoning,
    caching,
    row.onDemand ? 'on demand' : 'profile',
    cited,
  ]
    .join(' | ')
    .replace(/^/, '| ')
    .concat(' |');
}

/** 1M, 128K, or the exact figure with separators when it is not a round number. */
function tokens(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}K`;
  return n.toLocaleString('en-US');
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
