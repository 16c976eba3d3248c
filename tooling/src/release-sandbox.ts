import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { initGitRepo, isolatedGitEnv } from './git-snapshot.js';
import { type LocalRegistry, startLocalRegistry } from './local-registry.js';
import { discardPendingChangesets } from './pending-changesets.js';
import { pinnedPnpmVersion, pnpmBinDir } from './pnpm-bin.js';
import { addRegistryUser } from './registry-user.js';
import { type CommandResult, runCommand } from './run-command.js';
import { writeScopedNpmrc } from './scoped-npmrc.js';
import type { TimeBudget } from './time-budget.js';
import { copyWorkspace } from './workspace-copy.js';

/** A throwaway copy of the repository wired to a throwaway registry. */
export interface ReleaseSandbox {
  /** The temporary folder holding everything below; removed by `dispose()`. */
  root: string;
  /** The copy of the repository (its own git repository, dependencies installed). */
  repo: string;
  registry: LocalRegistry;
  /** The scope the registry serves, `@bedrock-bridge`. */
  scope: string;
  /** Environment for every command: pinned pnpm first on PATH, private npm cache and git config. */
  env: NodeJS.ProcessEnv;
  /** Changesets discarded from the copy so that only the test's own changeset counts. */
  discardedChangesets: string[];
  /** How long each set-up step took, in ms, in order (measured, for the test's log). */
  timings: Array<[step: string, ms: number]>;
  /** Runs pnpm in the copy (or in `cwd`), bounded by the budget and by `capMs`. */
  pnpm(args: string[], capMs: number, cwd?: string): Promise<CommandResult>;
  /** A new empty folder inside `root` (outside the copy). */
  folder(name: string): string;
  /** Stops the registry and deletes `root`. Safe to call twice. */
  dispose(): Promise<void>;
}

export interface ReleaseSandboxOptions {
  /** The repository to copy. */
  from: string;
  budget: TimeBudget;
  /** Default `@bedrock-bridge`. */
  scope?: string;
}

/**
 * Copies the repository, installs its dependencies from the local pnpm store, starts Verdaccio,
 * signs up a user and writes its token and the scope's registry into the copy's `.npmrc`.
 * Pending changesets of the real repository are dropped from the copy. When a step fails,
 * whatever was already made is removed before the error propagates.
 */
export async function createReleaseSandbox(
  options: ReleaseSandboxOptions,
): Promise<ReleaseSandbox> {
  const scope = options.scope ?? '@bedrock-bridge';
  const { budget } = options;
  const root = mkdtempSync(join(tmpdir(), 'bb-release-'));
  const repo = join(root, 'repo');
  mkdirSync(repo);
  let registry: LocalRegistry | undefined;
  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    try {
      await registry?.close();
    } finally {
      // Retries cover a process that was killed a moment ago and still held a file.
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  };
  const timings: Array<[string, number]> = [];
  let mark = Date.now();
  const lap = (step: string): void => {
    const now = Date.now();
    timings.push([step, now - mark]);
    mark = now;
  };
  try {
    const pnpmDir = await pnpmBinDir(pinnedPnpmVersion(options.from), options.from);
    lap('locate pnpm');
    const baseEnv = sandboxEnv(root, pnpmDir);
    const run = async (args: string[], capMs: number, cwd: string, env: NodeJS.ProcessEnv) =>
      runCommand('pnpm', args, { cwd, env, timeoutMs: budget.timeout(capMs), processGroup: true });

    await copyWorkspace(options.from, repo);
    seedTurboCache(options.from, repo);
    const discardedChangesets = discardPendingChangesets(repo);
    lap('copy the repository');
    // Only the root (turbo, changesets) and the published packages: the release builds and
    // publishes nothing else, and skipping the apps and this tooling (Verdaccio's tree) halves
    // the files to link and to remove again.
    const install = await run(
      [
        'install',
        '--frozen-lockfile',
        '--prefer-offline',
        '--reporter=append-only',
        '--filter=.',
        '--filter=./packages/*',
      ],
      120_000,
      repo,
      baseEnv,
    );
    if (install.code !== 0) {
      throw new Error(`pnpm install failed in the copy:\n${install.stdout}${install.stderr}`);
    }
    lap('pnpm install of the root and packages/* (offline store)');

    registry = await startLocalRegistry({ dir: join(root, 'registry'), scope });
    const token = await addRegistryUser(registry.url, 'release-test', 'release-test-password');
    writeScopedNpmrc(repo, scope, registry.url, token);
    lap('start Verdaccio and sign up');

    // The copy's own .npmrc must send the scope to the local registry ...
    const configured = await run(['config', 'get', `${scope}:registry`], 30_000, repo, baseEnv);
    if (configured.stdout.trim() !== registry.url) {
      throw new Error(
        `the copy's .npmrc does not route ${scope} to ${registry.url}: ${configured.stdout}`,
      );
    }
    // ... and the environment says so too, so that no step can publish to the real registry.
    const env = { ...baseEnv, [`npm_config_${scope}:registry`]: registry.url };
    await initGitRepo(repo, env);
    lap('check .npmrc, git init');

    const started = registry;
    return {
      root,
      repo,
      registry: started,
      scope,
      env,
      discardedChangesets,
      timings,
      pnpm: (args, capMs, cwd = repo) => run(args, capMs, cwd, env),
      folder: (name) => mkdtempSync(join(root, `${name}-`)),
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/**
 * The parent's environment without anything a package manager or test runner put there
 * (`npm_*`, `pnpm_*`, `NODE_ENV`, colour forcing), plus: the pinned pnpm first on PATH, a
 * private npm cache (nothing published here lands in the user's cache), a private git config,
 * no proxy for loopback, no telemetry.
 */
function sandboxEnv(root: string, pnpmDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|NODE_ENV$|FORCE_COLOR$|VITEST|TEST$)/i.test(key)) continue;
    env[key] = value;
  }
  // Loopback must never go through a proxy the machine may use for the public registry.
  const noProxy = [env.NO_PROXY ?? env.no_proxy, '127.0.0.1', 'localhost']
    .filter(Boolean)
    .join(',');
  return {
    ...env,
    ...isolatedGitEnv(root),
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    npm_config_noproxy: noProxy,
    PATH: [pnpmDir, process.env.PATH ?? ''].join(delimiter),
    npm_config_cache: join(root, 'npm-cache'),
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };
}

/**
 * Copies turbo's local cache (`.turbo/cache`, filled by the build CI runs before the tests)
 * into the copy. Turbo keys it by the hash of every input, so an entry is only used for
 * byte-identical sources: the copy's first build is then a cache hit, and builds after the
 * version bump really rebuild what changed. Without a cache the copy builds from scratch.
 */
function seedTurboCache(from: string, to: string): void {
  const cache = join(from, '.turbo', 'cache');
  if (existsSync(cache)) cpSync(cache, join(to, '.turbo', 'cache'), { recursive: true });
}
