import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import type { WorkspacePackage } from './workspace-packages.js';

export interface EnsureBuiltOptions {
  /** The repository root (where turbo is installed and `turbo.json` lives). */
  root: string;
  /** Hard limit for the build. Default 300 000 ms (a cold build under load takes minutes). */
  timeoutMs?: number;
  /** Where to say that a build is starting. Default `console.log`. */
  log?: (line: string) => void;
}

/**
 * Makes sure every package has a `dist/` to pack. The root `pnpm test` builds before vitest
 * starts, so this is a no-op there; a tooling test run on its own builds the published packages
 * with turbo first (cache hits where nothing changed). Returns the names that were unbuilt.
 * A failed build throws, naming the command to run by hand.
 */
export async function ensureBuilt(
  packages: readonly WorkspacePackage[],
  options: EnsureBuiltOptions,
): Promise<string[]> {
  const unbuilt = packages.filter((p) => !hasDist(p.dir)).map((p) => p.name);
  if (unbuilt.length === 0) return [];
  (options.log ?? console.log)(
    `tooling: no dist/ in ${unbuilt.join(', ')}; building the published packages with turbo`,
  );
  const turbo = join(options.root, 'node_modules', '.bin', 'turbo');
  const build = await runCommand(
    turbo,
    ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
    { cwd: options.root, timeoutMs: options.timeoutMs ?? 300_000, processGroup: true },
  ).catch((err: unknown) => ({ code: null, stdout: '', stderr: String(err) }));
  const still = packages.filter((p) => !hasDist(p.dir)).map((p) => p.name);
  if (build.code !== 0 || still.length > 0) {
    throw new Error(
      'the tooling checks need built packages and building them failed ' +
        `(no dist/ in ${still.join(', ') || 'none'} after \`turbo run build\`); ` +
        `run \`pnpm build\` at the repository root and retry:\n${build.stdout}${build.stderr}`,
    );
  }
  return unbuilt;
}

function hasDist(dir: string): boolean {
  const dist = join(dir, 'dist');
  return existsSync(dist) && readdirSync(dist).length > 0;
}
