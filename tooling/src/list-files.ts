import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every regular file under `dir`, as sorted `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
