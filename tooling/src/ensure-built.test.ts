import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built.js';
import { readPackage } from './workspace-packages.js';

const work = mkdtempSync(join(tmpdir(), 'bb-ensure-built-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A repository root whose `turbo` is a script: it records its arguments and PATH, then runs `body`. */
function fakeRoot(body: string): string {
  const root = mkdtempSync(join(work, 'root-'));
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  writeFileSync(
    turbo,
    `#!/bin/sh\necho "$@" > "${root}/args"\necho "$PATH" > "${root}/path"\n${body}\n`,
  );
  chmodSync(turbo, 0o755);
  return root;
}

function fakePackage(root: string, name: string, built: boolean) {
  const dir = join(root, 'packages', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `@x/${name}`, version: '1.0.0' }),
  );
  if (built) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.js'), 'export {};\n');
  }
  return readPackage(dir);
}

describe('ensureBuilt', () => {
  it('builds the published packages with turbo, the given pnpm first on PATH', async () => {
    const root = fakeRoot(
      'mkdir -p packages/a/dist && echo x > packages/a/dist/index.js\necho " Cached:    1 cached, 2 total"',
    );
    const packages = [fakePackage(root, 'a', false), fakePackage(root, 'b', true)];
    const report = await ensureBuilt(packages, { root, pnpmDir: '/opt/pinned-pnpm' });
    expect(report.cached).toBe('1 cached, 2 total');
    expect(readFileSync(join(root, 'args'), 'utf8').trim()).toBe(
      'run build --filter=./packages/* --output-logs=errors-only',
    );
    expect(readFileSync(join(root, 'path'), 'utf8').startsWith('/opt/pinned-pnpm:')).toBe(true);
  });

  it('names the packages left without dist/ and the command to run by hand', async () => {
    const root = fakeRoot('exit 0');
    const packages = [fakePackage(root, 'c', true), fakePackage(root, 'd', false)];
    await expect(ensureBuilt(packages, { root, pnpmDir: '/nowhere' })).rejects.toThrow(
      /no dist\/ in @x\/d\).*run `pnpm build` at the repository root/,
    );
  });

  it('fails with the build output when turbo fails', async () => {
    const root = fakeRoot('echo "tsc: error TS2322 in src/x.ts" >&2\nexit 2');
    const packages = [fakePackage(root, 'e', true)];
    await expect(ensureBuilt(packages, { root, pnpmDir: '/nowhere' })).rejects.toThrow(
      /`turbo run build` failed; run `pnpm build`[\s\S]*error TS2322/,
    );
  });

  it('fails clearly when turbo is not installed', async () => {
    const root = mkdtempSync(join(work, 'bare-'));
    const packages = [fakePackage(root, 'f', true)];
    await expect(ensureBuilt(packages, { root, pnpmDir: '/nowhere' })).rejects.toThrow(/ENOENT/);
  });
});
