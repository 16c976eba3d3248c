import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BumpType } from './expected-releases.js';

/** The changeset files waiting in `<root>/.changeset` (every `.md` but its README). */
export function pendingChangesets(root: string): string[] {
  return readdirSync(join(root, '.changeset'))
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .sort();
}

/** Deletes every pending changeset under `root` (meant for a throwaway copy) and names them. */
export function discardPendingChangesets(root: string): string[] {
  const files = pendingChangesets(root);
  for (const file of files) rmSync(join(root, '.changeset', file));
  return files;
}

/**
 * Writes `.changeset/<id>.md` as `pnpm changeset` would: front matter naming each package and
 * its bump, then the summary that lands in the changelogs.
 */
export function writeChangeset(
  root: string,
  id: string,
  releases: Record<string, BumpType>,
  summary: string,
): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`changeset id "${id}" must be kebab-case`);
  const front = Object.entries(releases).map(([name, type]) => `"${name}": ${type}`);
  const file = join(root, '.changeset', `${id}.md`);
  writeFileSync(file, ['---', ...front, '---', '', summary, ''].join('\n'));
  return file;
}
