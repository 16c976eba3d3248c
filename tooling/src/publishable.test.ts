import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { packedTarball } from './packed-tarballs.js';
import { runCommand } from './run-command.js';
import { listPublishedPackages, repoRoot } from './workspace-packages.js';

const packages = listPublishedPackages();
const attw = join(repoRoot, 'tooling/node_modules/.bin/attw');

describe('every published package is publishable', () => {
  it('finds exactly the six published packages (a package turned private would drop out of every check)', () => {
    expect(packages.map((p) => p.name).sort()).toEqual([
      '@bedrock-bridge/emulator',
      '@bedrock-bridge/errors',
      '@bedrock-bridge/format',
      '@bedrock-bridge/models',
      '@bedrock-bridge/openai',
      '@bedrock-bridge/transport',
    ]);
  });

  describe.each(packages.map((p) => [p.name, p] as const))('%s', (_name, pkg) => {
    it('has the manifest fields the conventions require', () => {
      const m = pkg.manifest as {
        type?: string;
        sideEffects?: boolean;
        engines?: { node?: string };
        exports: Record<string, Record<string, string>>;
        files?: string[];
        publishConfig?: { access?: string };
      };
      expect(m.type).toBe('module');
      expect(m.sideEffects).toBe(false);
      expect(m.engines?.node).toBe('>=20.19');
      expect(Object.keys(m.exports['.'] ?? {})[0]).toBe('types');
      expect(m.files).toContain('dist');
      expect(m.publishConfig?.access).toBe('public');
    });

    // Both linters read the tarball the global set-up packed with pnpm (the one the other
    // checks use too): the published manifest, with `workspace:*` already rewritten.
    it('is clean under publint (strict)', async () => {
      const data = readFileSync(packedTarball(pkg.name));
      const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
      const { messages, pkg: manifest } = await publint({ strict: true, pack: { tarball } });
      expect(manifest.name).toBe(pkg.name);
      const problems = messages.map((m) => `${m.type}: ${formatMessage(m, manifest) ?? m.code}`);
      expect(problems).toEqual([]);
    });

    it('is clean under @arethetypeswrong/cli (esm-only)', async () => {
      const result = await runCommand(
        attw,
        [packedTarball(pkg.name), '--profile', 'esm-only', '--format', 'ascii'],
        { cwd: pkg.dir, timeoutMs: 120_000 },
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
    });
  });
});
