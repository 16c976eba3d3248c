import { cpSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand } from './run-command.js';

/**
 * Copies the files git knows about in `from` (tracked ones and untracked ones that are not
 * ignored, as they are in the working tree) to the empty folder `to`: a fresh clone's
 * contents plus uncommitted work, without node_modules, dist or caches. Returns the count.
 */
export async function copyWorkspace(from: string, to: string, timeoutMs = 60_000): Promise<number> {
  const listed = await runCommand(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: from, timeoutMs },
  );
  if (listed.code !== 0) throw new Error(`git ls-files failed in ${from}: ${listed.stderr}`);
  const files = listed.stdout.split('\0').filter((f) => f.length > 0);
  let copied = 0;
  for (const file of files) {
    const source = join(from, file);
    // A tracked file deleted in the working tree is not part of it any more.
    if (!existsSync(source) && !isSymlink(source)) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(source, join(to, file), { verbatimSymlinks: true });
    copied++;
  }
  return copied;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
