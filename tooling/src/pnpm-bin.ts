import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand } from './run-command.js';

/** The pnpm version the root `packageManager` field pins, for example `10.34.8`. */
export function pinnedPnpmVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    packageManager?: string;
  };
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? '');
  if (!match?.[1]) throw new Error(`${root}/package.json pins no pnpm version in packageManager`);
  return match[1];
}

/**
 * The folder holding a `pnpm` executable of that version, fetched once through npx (its cache).
 * Putting it first on PATH lets the release scripts, and changesets (which spawns `pnpm publish`
 * by name), run the pinned pnpm without an npx round trip per call.
 */
export async function pnpmBinDir(version: string, cwd: string): Promise<string> {
  const found = await runCommand('npx', ['-y', '-p', `pnpm@${version}`, '-c', 'command -v pnpm'], {
    cwd,
    timeoutMs: 120_000,
  });
  const path = found.stdout.trim().split('\n').pop() ?? '';
  if (found.code !== 0 || !path.startsWith('/')) {
    throw new Error(`could not locate pnpm@${version} through npx: ${found.stderr}`);
  }
  return dirname(path);
}
