import { formatMs, formatRatio } from '../stats.js';
import type { EmbeddingsResult } from './measure-embeddings.js';

/** Where the section begins and ends in BENCHMARKS.md (an embeddings-only run replaces it there). */
export const EMBEDDINGS_START = '<!-- embeddings:start -->';
export const EMBEDDINGS_END = '<!-- embeddings:end -->';

/** The embeddings section of BENCHMARKS.md. */
export function embeddingsSection(result: EmbeddingsResult, date: string): string {
  const lines = [
    EMBEDDINGS_START,
    '## Embeddings: 1,000 texts through the gateway vs the raw SDK',
    '',
    `${date.slice(0, 16).replace('T', ' ')} UTC. Embedding ${result.texts.toLocaleString('en-US')} texts (about 120 characters each) per round, ${result.rounds} rounds after one warm-up, medians. Gateway: one \`POST /v1/embeddings\` from the \`openai\` client (its default base64 encoding) to the gateway in a child process, which fans out at most ${result.concurrency} InvokeModel calls at a time. Raw SDK: \`BedrockRuntimeClient\` with defaults, \`InvokeModelCommand\` in a loop with ${result.concurrency} workers, the same bodies the gateway sends. The emulator runs in a child of its own (its CPU counts for neither). CPU = user + system time: for the gateway, the measuring process (the \`openai\` client) plus the gateway process; for the raw SDK, the measuring process.`,
    '',
    '| Model | InvokeModel calls | gateway wall ms | raw SDK wall ms | wall ratio | gateway CPU ms (client + gateway) | raw SDK CPU ms | CPU ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of result.rows) {
    const g = row.gateway;
    lines.push(
      `| ${row.label} | ${row.calls} | ${formatMs(g.wall.median)} | ${formatMs(row.rawSdk.wall.median)} | ${formatRatio(g.wall.median, row.rawSdk.wall.median)} | ${formatMs(g.totalCpu.median)} (${formatMs(g.clientCpu.median)} + ${formatMs(g.gatewayCpu.median)}) | ${formatMs(row.rawSdk.cpu.median)} | ${formatRatio(g.totalCpu.median, row.rawSdk.cpu.median)} |`,
    );
  }
  lines.push('', EMBEDDINGS_END);
  return lines.join('\n');
}

/** Replaces the embeddings section of `markdown`, or appends it. */
export function spliceEmbeddings(markdown: string, section: string): string {
  const start = markdown.indexOf(EMBEDDINGS_START);
  const end = markdown.indexOf(EMBEDDINGS_END);
  if (start >= 0 && end > start) {
    return markdown.slice(0, start) + section + markdown.slice(end + EMBEDDINGS_END.length);
  }
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
