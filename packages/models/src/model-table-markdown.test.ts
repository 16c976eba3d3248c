import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_TABLE } from './model-table.js';
import { modelTableMarkdown } from './model-table-markdown.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function readmeBlock(): string {
  const start = README.indexOf('<!-- model-table:start');
  const end = README.indexOf('<!-- model-table:end -->');
  expect(start, 'the README has a model-table:start marker').toBeGreaterThan(0);
  expect(end, 'the README has a model-table:end marker').toBeGreaterThan(start);
  return README.slice(README.indexOf('\n', start) + 1, end).trim();
}

describe("the README's model table", () => {
  it('is the table as generated from the rows (npm run table)', () => {
    expect(readmeBlock()).toBe(modelTableMarkdown());
  });

  it('has one line per chat row and names every other row', () => {
    const block = modelTableMarkdown();
    for (const row of MODEL_TABLE) {
      const line = row.task === 'chat' ? `| \`${row.key}\` | ${row.name} |` : `\`${row.key}\` (`;
      expect(block, row.key).toContain(line);
    }
  });
});
