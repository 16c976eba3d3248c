import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command.js';
import { listPublishedPackages, repoRoot } from './workspace-packages.js';

const packages = listPublishedPackages();
const attw = join(repoRoot, 'tooling/node_modules/.bin/attw');

describe('every published package is publishable', () => {
  it('finds the published packages on disk', () => {
    expect(packages.map((p) => p.name)).toContain('@bedrock-bridge/errors');
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

    it('is clean under publint (strict)', async () => {
      const { messages, pkg: manifest } = await publint({
        pkgDir: pkg.dir,
        strict: true,
        pack: 'pnpm',
      });
      const problems = messages.map((m) => `${m.type}: ${formatMessage(m, manifest) ?? m.code}`);
      expect(problems).toEqual([]);
    });

    it('is clean under @arethetypeswrong/cli (esm-only)', async () => {
      const result = await runCommand(
        attw,
        ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'],
        {
          cwd: pkg.dir,
          timeoutMs: 120_000,
        },
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
    });
  });
});
