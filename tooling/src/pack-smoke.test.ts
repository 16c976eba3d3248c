import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_EXAMPLES, clientExampleCode, RUN_WITH_EMULATOR } from './client-examples.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { packedTarball } from './packed-tarballs.js';
import { runCommand } from './run-command.js';
import {
  listPublishedPackages,
  readmeSnippet,
  type WorkspacePackage,
  withInternalClosure,
} from './workspace-packages.js';

const packages = listPublishedPackages();
const work = mkdtempSync(join(tmpdir(), 'bb-pack-smoke-'));
/** npm installs running at once: they share npm's cache and two cores with everything else. */
const installs = concurrencyLimit(3);
/** Runtime dependencies a package's project installs: the biggest installs start first. */
const installSize = (pkg: WorkspacePackage): number =>
  withInternalClosure(pkg, packages).reduce(
    (n, p) => n + Object.keys((p.manifest.dependencies ?? {}) as object).length,
    0,
  );
const biggestFirst = [...packages].sort((a, b) => installSize(b) - installSize(a));

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Each package gets a project of its own holding only its tarball and its internal closure's
// (packed once by the global set-up), so a missing dependency declaration cannot be hidden by
// another package's install. The projects install concurrently, three at a time, sharing
// npm's cache.
describe('pack smoke test: each package installs alone from its tarball and runs its README snippet', () => {
  it.concurrent.for(biggestFirst.map((p) => [p.name, p] as const))('%s', async ([_name, pkg]) => {
    const files = withInternalClosure(pkg, packages).map((p) => packedTarball(p.name));
    const project = mkdtempSync(join(work, 'project-'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
    );
    // npm's http log (every request and failed attempt) lands in a failure or timeout message.
    const install = await installs(() =>
      runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=http', ...files], {
        cwd: project,
        timeoutMs: 240_000,
        processGroup: true,
      }),
    );
    expect(install.code, install.stderr).toBe(0);
    writeFileSync(join(project, 'snippet.mjs'), readmeSnippet(pkg));
    const run = await runCommand('node', ['snippet.mjs'], {
      cwd: project,
      timeoutMs: 60_000,
      processGroup: true,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().length).toBeGreaterThan(0);
  });
});

// A package whose README shows third-party clients (the OpenAI clients of @bedrock-bridge/openai)
// runs that example too, as written: its tarball, the emulator's and the clients from the registry
// in a project of their own, the transport pointed at the emulator through the environment.
describe('pack smoke test: README examples with third-party clients run against the emulator', () => {
  const withExamples = packages.filter((p) => CLIENT_EXAMPLES[p.name] !== undefined);
  it.concurrent.for(withExamples.map((p) => [p.name, p] as const))('%s', async ([name, pkg]) => {
    const example = CLIENT_EXAMPLES[name];
    if (example === undefined) throw new Error(`no client example for ${name}`);
    const emulator = packages.find((p) => p.name === '@bedrock-bridge/emulator');
    if (emulator === undefined) throw new Error('the emulator is not a published package');
    const files = [...withInternalClosure(pkg, packages), emulator].map((p) =>
      packedTarball(p.name),
    );
    const project = mkdtempSync(join(work, 'clients-'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'smoke-clients', private: true, type: 'module' }),
    );
    const install = await installs(() =>
      runCommand(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, ...example.install],
        { cwd: project, timeoutMs: 300_000, processGroup: true },
      ),
    );
    expect(install.code, install.stderr).toBe(0);
    writeFileSync(join(project, 'example.mjs'), clientExampleCode(pkg, example));
    writeFileSync(join(project, 'run.mjs'), RUN_WITH_EMULATOR);
    const [command, args] =
      Number(process.versions.node.split('.')[0]) >= example.nodeMajor
        ? [process.execPath, ['run.mjs']]
        : ['npx', ['-y', '-p', `node@${example.nodeMajor}`, 'node', 'run.mjs']];
    const run = await runCommand(command, args, {
      cwd: project,
      timeoutMs: 120_000,
      processGroup: true,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(example.output);
  });
});
