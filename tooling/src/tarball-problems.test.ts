import { describe, expect, it } from 'vitest';
import { tarballProblems } from './tarball-problems.js';

const manifest = {
  exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
  bin: { tool: './bin/tool.js' },
};
const clean = [
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'bin/tool.js',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/inner/part.js',
  'dist/inner/part.d.ts',
  'dist/inner/table.json',
];
const noText = (): string => '';

describe('tarballProblems', () => {
  it('accepts what users need', () => {
    expect(tarballProblems(clean, manifest, noText)).toEqual([]);
  });

  it.each([
    ['dist/index.test.js', /a test file/],
    ['dist/index.test.d.ts', /a test file/],
    ['dist/__fixtures__/stream.jsonl', /a test fixture/],
    ['dist/test-support/fake.js', /test support/],
    ['src/index.ts', /source code/],
    ['tsconfig.build.json', /a tsconfig/],
    ['bench/run.js', /benchmark/],
    ['dist/tsconfig.build.tsbuildinfo', /build cache/],
    ['vitest.config.ts', /test configuration/],
    ['notes.txt', /not on the allow-list/],
  ])('flags %s', (file, reason) => {
    const problems = tarballProblems([...clean, file], manifest, noText);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(reason);
  });

  it('flags source maps pointing at files the tarball lacks, accepts complete ones', () => {
    const maps: Record<string, string> = {
      'dist/index.js.map': JSON.stringify({ sources: ['../src/index.ts'] }),
      'dist/index.d.ts.map': JSON.stringify({ sources: ['index.js'] }),
      'dist/inner/part.js.map': JSON.stringify({
        sources: ['../../src/inner/part.ts'],
        sourcesContent: ['x'],
      }),
    };
    const problems = tarballProblems(
      [...clean, ...Object.keys(maps)],
      manifest,
      (f) => maps[f] ?? '',
    );
    expect(problems).toEqual([
      'dist/index.js.map: maps to ../src/index.ts, which is not in the tarball',
    ]);
  });

  it('flags a sourceMappingURL comment whose map is missing', () => {
    const read = (f: string) =>
      f === 'dist/index.js' ? 'x;\n//# sourceMappingURL=index.js.map\n' : '';
    expect(tarballProblems(clean, manifest, read)).toEqual([
      'dist/index.js: sourceMappingURL index.js.map is missing',
    ]);
  });

  it('flags missing entry points, README, LICENSE and manifest', () => {
    const gone = ['dist/index.d.ts', 'bin/tool.js', 'README.md', 'LICENSE', 'package.json'];
    const files = clean.filter((f) => !gone.includes(f));
    expect(tarballProblems(files, manifest, noText).sort()).toEqual([
      'LICENSE: missing',
      'README.md: missing',
      'bin/tool.js: named by package.json but missing',
      'dist/index.d.ts: named by package.json but missing',
      'package.json: missing',
    ]);
  });

  it.each(['LICENSE', 'LICENCE', 'LICENSE.md', 'license.txt'])(
    'accepts %s as the licence file',
    (licence) => {
      const files = [...clean.filter((f) => f !== 'LICENSE'), licence];
      expect(tarballProblems(files, manifest, noText)).toEqual([]);
    },
  );

  it.each(['LICENSE-THIRD-PARTY', 'dist/LICENSE'])(
    'does not take %s for the licence file',
    (other) => {
      const files = [...clean.filter((f) => f !== 'LICENSE'), other];
      expect(tarballProblems(files, manifest, noText)).toContain('LICENSE: missing');
    },
  );
});
