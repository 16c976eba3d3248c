import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The body of the `## <version>` section of a package's CHANGELOG.md (up to the next `## `
 * heading), or `undefined` when the file or the section does not exist.
 */
export function changelogSection(dir: string, version: string): string | undefined {
  const path = join(dir, 'CHANGELOG.md');
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${version}`);
  if (start < 0) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
}
