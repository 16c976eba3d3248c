import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runCommand } from './run-command.js';
import type { WorkspacePackage } from './workspace-packages.js';

export interface EnsureBuiltOptions {
  /** The repository root (where turbo is installed and `turbo.json` lives). */
  root: string;
  /** Folder holding the pnpm turbo must run the build scripts with; put first on PATH. */
  pnpmDir: string;
  /** Hard limit for the build. Default 300 000 ms (a cold build under load takes minutes). */
  timeoutMs?: number;
}

export interface BuildReport {
  /** Turbo's own count, for example `5 cached, 5 total`, or `no turbo summary`. */
  cached: string;
  ms: number;
}

/**
 * Builds the published packages with turbo (`turbo run build --filter=./packages/*`) so that
 * what gets packed is the current source and turbo's local cache holds it. After the root
 * `pnpm test` (which builds first) every task is a cache hit and this takes well under a
 * second; a tooling run on its own builds what changed. Also leaves the cache warm for the
 * release test, whose copy of the repository then reuses it. A failed build, or a package
 * left without `dist/`, throws and says what to run by hand.
 */
export async function ensureBuilt(
  packages: readonly WorkspacePackage[],
  options: EnsureBuiltOptions,
): Promise<BuildReport> {
  const started = Date.now();
  const turbo = join(options.root, 'node_modules', '.bin', 'turbo');
  const build = await runCommand(
    turbo,
    ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
    {
      cwd: options.root,
      env: { ...process.env, PATH: [options.pnpmDir, process.env.PATH ?? ''].join(delimiter) },
      timeoutMs: options.timeoutMs ?? 300_000,
      processGroup: true,
    },
  ).catch((err: unknown) => ({ code: null, stdout: '', stderr: String(err) }));
  const unbuilt = packages.filter((p) => !hasDist(p.dir)).map((p) => p.name);
  if (build.code !== 0 || unbuilt.length > 0) {
    throw new Error(
      `the tooling checks need built packages and \`turbo run build\` failed` +
        (unbuilt.length > 0 ? ` (no dist/ in ${unbuilt.join(', ')})` : '') +
        `; run \`pnpm build\` at the repository root, fix what it reports and retry:\n` +
        `${build.stdout}${build.stderr}`,
    );
  }
  const cached = /Cached:\s+(\d+ cached, \d+ total)/.exec(build.stdout)?.[1] ?? 'no turbo summary';
  return { cached, ms: Date.now() - started };
}

function hasDist(dir: string): boolean {
  const dist = join(dir, 'dist');
  return existsSync(dist) && readdirSync(dist).length > 0;
}
