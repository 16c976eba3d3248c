import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogSection } from './changelog-section.js';
import { readChangesetsConfig } from './changesets-config.js';
import { parsePublishOutput } from './changesets-output.js';
import { type ExpectedRelease, expectedReleases } from './expected-releases.js';
import { commitAll, git } from './git-snapshot.js';
import { installFromRegistry } from './install-from-registry.js';
import { listFiles } from './list-files.js';
import { writeChangeset } from './pending-changesets.js';
import { fetchPackument, type Packument } from './registry-packument.js';
import { createReleaseSandbox, type ReleaseSandbox } from './release-sandbox.js';
import { runCommand } from './run-command.js';
import { tarballProblems } from './tarball-problems.js';
import { createTimeBudget } from './time-budget.js';
import {
  listPublishedPackages,
  listWorkspacePackages,
  readmeSnippetIn,
  repoRoot,
} from './workspace-packages.js';

/** The whole file, set-up included, must finish within this; every command is bounded by it. */
const BUDGET_MS = 360_000;
/** The package the test's changeset bumps, and how. */
const BUMPED = '@bedrock-bridge/errors';
const SUMMARY = 'Release test: a patch release of the error taxonomy.';

const publishedNames = listPublishedPackages().map((p) => p.name);
const budget = createTimeBudget(BUDGET_MS);
let sandbox: ReleaseSandbox | undefined;

/** What earlier steps learned; a later step that needs something missing is skipped. */
const state: {
  baseline?: Map<string, string>;
  plan?: Map<string, ExpectedRelease>;
  registryAfterRelease?: Map<string, Packument>;
  released?: boolean;
} = {};

const sb = (): ReleaseSandbox => {
  if (!sandbox) throw new Error('the release sandbox was not created (see the beforeAll error)');
  return sandbox;
};
const versionsOf = (root: string) =>
  new Map(listWorkspacePackages(root).map((p) => [p.name, p.version] as const));

/** Measured durations of every step, printed at the end (the README quotes them). */
const timings: Array<[string, number]> = [];
async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    timings.push([step, Date.now() - start]);
  }
}

async function release(step: string): Promise<ReturnType<typeof parsePublishOutput>> {
  const start = Date.now();
  const run = await sb().pnpm(['run', 'release'], 300_000);
  const cached = /Cached:\s+(\d+ cached, \d+ total)/.exec(run.stdout)?.[1] ?? 'no turbo summary';
  timings.push([`${step}; turbo build ${cached}`, Date.now() - start]);
  expect(run.code, `pnpm release failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
  return parsePublishOutput(`${run.stdout}\n${run.stderr}`);
}

async function registryState(names: string[]): Promise<Map<string, Packument>> {
  const entries = await Promise.all(
    names.map(async (name) => {
      const doc = await fetchPackument(sb().registry.url, name);
      if (!doc) throw new Error(`${name} is not on the local registry`);
      return [name, doc] as const;
    }),
  );
  return new Map(entries);
}

beforeAll(async () => {
  sandbox = await createReleaseSandbox({ from: repoRoot, budget });
  timings.push(...sandbox.timings);
}, BUDGET_MS);

afterAll(async () => {
  const root = sandbox?.root;
  await timed('stop Verdaccio, remove everything', async () => sandbox?.dispose());
  if (root) expect(existsSync(root)).toBe(false);
  const lines = timings.map(([step, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${step}`);
  const total = (budget.spentMs() / 1000).toFixed(1);
  const report = join(repoRoot, 'reports', 'release-timings.txt');
  mkdirSync(join(repoRoot, 'reports'), { recursive: true });
  writeFileSync(report, `release test timings (total ${total} s):\n${lines.join('\n')}\n`);
  console.log(`release test: ${total} s in all; step timings in ${report}`);
}, 60_000);

describe('release through a real registry (changesets + Verdaccio on loopback)', () => {
  it(
    '`pnpm release` publishes the current version of every public package',
    async () => {
      const repo = sb().repo;
      const publicVersions = new Map(
        listPublishedPackages(repo).map((p) => [p.name, p.version] as const),
      );
      expect([...publicVersions.keys()].sort()).toEqual([...publishedNames].sort());
      const report = await release('pnpm release (all at current versions)');
      expect(report.failed).toEqual(new Map());
      expect(report.published).toEqual(publicVersions);
      const registry = await registryState(publishedNames);
      const tags = (await git(repo, ['tag', '--list'], sb().env)).split('\n');
      for (const [name, version] of publicVersions) {
        expect(registry.get(name)?.versions).toEqual([version]);
        expect(registry.get(name)?.distTags.latest).toBe(version);
        expect(tags).toContain(`${name}@${version}`);
      }
      state.baseline = versionsOf(repo);
    },
    BUDGET_MS,
  );

  it(
    '`pnpm version-packages` versions the changed package and exactly its dependents',
    async ({ skip }) => {
      if (!state.baseline) skip();
      const { repo, env } = sb();
      const before = versionsOf(repo);
      const workspace = listWorkspacePackages(repo);
      const plan = expectedReleases(workspace, readChangesetsConfig(repo), { [BUMPED]: 'patch' });
      expect(plan.get(BUMPED)?.type).toBe('patch');

      writeChangeset(repo, 'release-test-errors', { [BUMPED]: 'patch' }, SUMMARY);
      const run = await timed('pnpm version-packages', () =>
        sb().pnpm(['run', 'version-packages'], 120_000),
      );
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);

      const after = versionsOf(repo);
      const expected = new Map([...before].map(([n, v]) => [n, plan.get(n)?.newVersion ?? v]));
      expect(after).toEqual(expected);
      for (const p of workspace.filter((w) => w.private)) {
        expect(after.get(p.name), `${p.name} is private`).toBe(p.version);
        expect(existsSync(join(p.dir, 'CHANGELOG.md')), `${p.name} got a changelog`).toBe(false);
      }

      for (const [name, next] of plan) {
        const pkg = workspace.find((p) => p.name === name)!;
        const section = changelogSection(pkg.dir, next.newVersion);
        expect(section, `${name}/CHANGELOG.md has no "## ${next.newVersion}"`).toBeDefined();
        if (name === BUMPED) expect(section).toContain(SUMMARY);
        for (const dep of pkg.internalDependencyRanges.filter(
          (d) => d.field !== 'devDependencies',
        )) {
          const bumped = plan.get(dep.name);
          if (bumped) expect(section).toContain(`${dep.name}@${bumped.newVersion}`);
        }
      }

      // Nothing else moved: only the planned manifests and changelogs, the consumed changeset
      // and (at most) the lockfile.
      const changed = (await git(repo, ['status', '--porcelain', '--untracked-files=all'], env))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(3))
        .sort();
      const allowed = new Set([
        '.changeset/release-test-errors.md',
        'pnpm-lock.yaml',
        ...[...plan.keys()].flatMap((name) => {
          const dir = workspace.find((p) => p.name === name)!.dir.slice(repo.length + 1);
          return [`${dir}/package.json`, `${dir}/CHANGELOG.md`];
        }),
      ]);
      expect(changed.filter((f) => !allowed.has(f))).toEqual([]);
      expect(existsSync(join(repo, '.changeset/release-test-errors.md'))).toBe(false);

      await commitAll(repo, 'Version packages', env);
      state.plan = plan;
    },
    BUDGET_MS,
  );

  it(
    '`pnpm release` publishes the new versions and skips what the registry already has',
    async ({ skip }) => {
      if (!state.plan || !state.baseline) skip();
      const plan = state.plan!;
      const baseline = state.baseline!;
      const before = await registryState(publishedNames);
      const report = await release('pnpm release (new versions)');
      expect(report.failed).toEqual(new Map());

      const bumped = publishedNames.filter((n) => plan.has(n));
      const untouched = publishedNames.filter((n) => !plan.has(n));
      expect(report.published).toEqual(new Map(bumped.map((n) => [n, plan.get(n)!.newVersion])));
      expect(report.skipped).toEqual(new Map(untouched.map((n) => [n, baseline.get(n)!])));

      const after = await registryState(publishedNames);
      for (const name of bumped) {
        const { oldVersion, newVersion } = plan.get(name)!;
        expect(after.get(name)?.versions.sort()).toEqual([oldVersion, newVersion].sort());
        expect(after.get(name)?.distTags.latest).toBe(newVersion);
        expect(after.get(name)?.time[oldVersion]).toBe(before.get(name)?.time[oldVersion]);
      }
      for (const name of untouched) {
        expect(after.get(name), `${name} was republished`).toEqual(before.get(name));
      }
      state.registryAfterRelease = after;
    },
    BUDGET_MS,
  );

  it(
    '`pnpm release` again republishes nothing',
    async ({ skip }) => {
      if (!state.registryAfterRelease) skip();
      const report = await release('pnpm release (again)');
      expect(report.nothingToPublish).toBe(true);
      expect(report.published).toEqual(new Map());
      expect([...report.skipped.keys()].sort()).toEqual([...publishedNames].sort());
      expect(await registryState(publishedNames)).toEqual(state.registryAfterRelease);
      state.released = true;
    },
    BUDGET_MS,
  );
});

describe('a stranger installs each package by name from the registry and runs its README', () => {
  it.concurrent.for(publishedNames)('%s', { timeout: BUDGET_MS }, async (name, { skip }) => {
    if (!state.released) skip();
    const { registry, scope, env } = sb();
    const latest = state.registryAfterRelease!.get(name)!.distTags.latest!;
    const dir = sb().folder('consumer');
    const install = await timed(`npm install ${name} (concurrently)`, () =>
      installFromRegistry({
        dir,
        spec: name,
        scope,
        registryUrl: registry.url,
        env,
        timeoutMs: budget.timeout(180_000),
      }),
    );
    expect(install.code, install.stderr).toBe(0);

    // What npm put on disk is exactly the published tarball: check it holds only what users need.
    const installed = join(dir, 'node_modules', ...name.split('/'));
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      version: string;
      dependencies?: Record<string, string>;
    } & Record<string, unknown>;
    expect(manifest.version).toBe(latest);
    const files = listFiles(installed);
    expect(
      tarballProblems(files, manifest, (f) => readFileSync(join(installed, f), 'utf8')),
    ).toEqual([]);
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!dep.startsWith(`${scope}/`)) continue;
      expect(range, `${name} depends on ${dep}`).toBe(
        state.registryAfterRelease!.get(dep)?.distTags.latest,
      );
    }

    // It imports, and from this folder (nothing of the workspace around it).
    const probe = await runCommand(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify({ exports: Object.keys(m).length, url: import.meta.resolve(${JSON.stringify(name)}) }));`,
      ],
      { cwd: dir, env, timeoutMs: budget.timeout(60_000) },
    );
    expect(probe.code, probe.stderr).toBe(0);
    const seen = JSON.parse(probe.stdout) as { exports: number; url: string };
    expect(seen.exports).toBeGreaterThan(0);
    expect(fileURLToPath(seen.url).startsWith(join(dir, 'node_modules'))).toBe(true);

    // The README's first ```js block, as published, runs as is.
    const snippet = readmeSnippetIn(installed, name);
    const quoted = new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`);
    expect(snippet, 'the snippet must import the package it documents').toMatch(quoted);
    writeFileSync(join(dir, 'snippet.mjs'), snippet);
    const run = await runCommand(process.execPath, ['snippet.mjs'], {
      cwd: dir,
      env,
      timeoutMs: budget.timeout(60_000),
      processGroup: true,
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout.trim().length, 'the snippet printed nothing').toBeGreaterThan(0);
  });
});
