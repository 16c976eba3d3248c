import { mkdirSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { concurrencyLimit } from './concurrency-limit.js';
import { runCommand } from './run-command.js';
import type { WorkspacePackage } from './workspace-packages.js';

export interface PackPackagesOptions {
  /** An existing folder; each package's tarball goes into a sub-folder of its own. */
  dest: string;
  /** Folder holding the pnpm to run (the pinned one, see `pnpmBinDir`); put first on PATH. */
  pnpmDir: string;
  /** How many `pnpm pack` run at a time. Default 3. */
  concurrency?: number;
  /** Hard limit for each `pnpm pack`. Default 120 000 ms. */
  timeoutMs?: number;
}

/**
 * Packs every package with `pnpm pack` (which rewrites `workspace:*` to the real versions, as
 * `pnpm publish` does) and returns the path of each tarball by package name. Any failure
 * rejects with the package's name and pnpm's output.
 */
export async function packPackages(
  packages: readonly WorkspacePackage[],
  options: PackPackagesOptions,
): Promise<Record<string, string>> {
  const env = { ...process.env, PATH: [options.pnpmDir, process.env.PATH ?? ''].join(delimiter) };
  const limit = concurrencyLimit(options.concurrency ?? 3);
  const packed = await Promise.all(
    packages.map((pkg) => limit(async () => [pkg.name, await packOne(pkg, options, env)] as const)),
  );
  return Object.fromEntries(packed);
}

async function packOne(
  pkg: WorkspacePackage,
  options: PackPackagesOptions,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const dest = join(options.dest, pkg.name.replace(/^@/, '').replace('/', '__'));
  mkdirSync(dest, { recursive: true });
  const packed = await runCommand('pnpm', ['pack', '--pack-destination', dest], {
    cwd: pkg.dir,
    env,
    timeoutMs: options.timeoutMs ?? 120_000,
    processGroup: true,
  });
  if (packed.code !== 0) {
    throw new Error(`pnpm pack failed for ${pkg.name}:\n${packed.stdout}${packed.stderr}`);
  }
  const files = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  if (files.length !== 1 || !files[0]) {
    throw new Error(`pnpm pack wrote ${files.length} tarballs for ${pkg.name} in ${dest}`);
  }
  return join(dest, files[0]);
}
