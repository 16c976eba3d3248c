import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './ensure-built.js';
import { readPackage } from './workspace-packages.js';

const work = mkdtempSync(join(tmpdir(), 'bb-ensure-built-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function fakePackage(name: string, built: boolean) {
  const dir = join(work, name);
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
  it('does nothing when every package has a dist/', async () => {
    const logged: string[] = [];
    // The root has no turbo: had it tried to build, it would have thrown.
    const root = mkdtempSync(join(work, 'root-'));
    const unbuilt = await ensureBuilt([fakePackage('a', true), fakePackage('b', true)], {
      root,
      log: (line) => logged.push(line),
    });
    expect(unbuilt).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('says which packages lack dist/ and how to build them when the build cannot run', async () => {
    const logged: string[] = [];
    const root = mkdtempSync(join(work, 'root-'));
    const attempt = ensureBuilt([fakePackage('c', true), fakePackage('d', false)], {
      root,
      log: (line) => logged.push(line),
    });
    await expect(attempt).rejects.toThrow(
      /no dist\/ in @x\/d .*run `pnpm build` at the repository root/,
    );
    expect(logged.join('\n')).toContain('@x/d');
    expect(logged.join('\n')).not.toContain('@x/c');
  });
});
