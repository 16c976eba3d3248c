import { describe, expect, it } from 'vitest';
import type { ChangesetsConfig } from './changesets-config.js';
import { bumpVersion, expectedReleases } from './expected-releases.js';
import type { DependencyField, WorkspacePackage } from './workspace-packages.js';

function pkg(
  name: string,
  deps: Partial<Record<DependencyField, string[]>> = {},
  options: { private?: boolean; version?: string; range?: string } = {},
): WorkspacePackage {
  const ranges = Object.entries(deps).flatMap(([field, names]) =>
    names.map((n) => ({
      name: `@x/${n}`,
      range: options.range ?? 'workspace:*',
      field: field as DependencyField,
    })),
  );
  return {
    name: `@x/${name}`,
    version: options.version ?? '1.2.3',
    dir: `/nowhere/${name}`,
    private: options.private === true,
    internalDependencies: (deps.dependencies ?? []).map((n) => `@x/${n}`),
    internalDependencyRanges: ranges,
    manifest: {},
  };
}

const config: ChangesetsConfig = { versionPrivatePackages: false, ignore: [] };

/** A graph shaped like this repository: errors at the bottom, a private app on top. */
const graph = [
  pkg('errors'),
  pkg('format', { dependencies: ['errors'] }),
  pkg('transport', { dependencies: ['errors'], devDependencies: ['emulator'] }),
  pkg('models', { dependencies: ['errors', 'transport'], devDependencies: ['emulator'] }),
  pkg('emulator'),
  pkg('app', { dependencies: ['errors', 'format', 'transport', 'models'] }, { private: true }),
];

const summary = (m: Map<string, { newVersion: string }>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, v.newVersion]));

describe('expectedReleases', () => {
  it('bumps a package and, transitively, every public dependent', () => {
    expect(summary(expectedReleases(graph, config, { '@x/errors': 'patch' }))).toEqual({
      '@x/errors': '1.2.4',
      '@x/format': '1.2.4',
      '@x/transport': '1.2.4',
      '@x/models': '1.2.4',
    });
  });

  it('reaches dependents of dependents (models through transport)', () => {
    expect(summary(expectedReleases(graph, config, { '@x/transport': 'minor' }))).toEqual({
      '@x/transport': '1.3.0',
      '@x/models': '1.2.4',
    });
  });

  it('does not version through devDependencies', () => {
    expect(summary(expectedReleases(graph, config, { '@x/emulator': 'major' }))).toEqual({
      '@x/emulator': '2.0.0',
    });
  });

  it('versions private packages when the config asks for it', () => {
    const all = { ...config, versionPrivatePackages: true };
    expect(expectedReleases(graph, all, { '@x/format': 'patch' }).get('@x/app')?.newVersion).toBe(
      '1.2.4',
    );
  });

  it('keeps the larger bump when a package is named and also a dependent', () => {
    const plan = expectedReleases(graph, config, { '@x/errors': 'patch', '@x/models': 'minor' });
    expect(plan.get('@x/models')).toEqual({
      type: 'minor',
      oldVersion: '1.2.3',
      newVersion: '1.3.0',
    });
  });

  it('gives a peer dependent a major when its peer gets more than a patch', () => {
    const peers = [pkg('core'), pkg('plugin', { peerDependencies: ['core'] })];
    expect(summary(expectedReleases(peers, config, { '@x/core': 'minor' }))).toEqual({
      '@x/core': '1.3.0',
      '@x/plugin': '2.0.0',
    });
    expect(summary(expectedReleases(peers, config, { '@x/core': 'patch' }))).toEqual({
      '@x/core': '1.2.4',
      '@x/plugin': '1.2.4',
    });
  });

  it('skips ignored packages', () => {
    const ignoring = { ...config, ignore: ['@x/format'] };
    expect(expectedReleases(graph, ignoring, { '@x/errors': 'patch' }).has('@x/format')).toBe(
      false,
    );
  });

  it('rejects changesets naming unknown or never-versioned packages', () => {
    expect(() => expectedReleases(graph, config, { '@x/nope': 'patch' })).toThrow(/not in the/);
    expect(() => expectedReleases(graph, config, { '@x/app': 'patch' })).toThrow(/never versioned/);
  });

  it('refuses range forms it does not model instead of guessing', () => {
    const caret = [pkg('a'), pkg('b', { dependencies: ['a'] }, { range: '^1.2.3' })];
    expect(() => expectedReleases(caret, config, { '@x/a': 'patch' })).toThrow(/\^1\.2\.3/);
  });
});

describe('bumpVersion', () => {
  it.each([
    ['0.0.0', 'patch', '0.0.1'],
    ['0.0.0', 'minor', '0.1.0'],
    ['0.0.0', 'major', '1.0.0'],
    ['1.9.9', 'minor', '1.10.0'],
  ] as const)('%s + %s = %s', (from, type, to) => {
    expect(bumpVersion(from, type)).toBe(to);
  });

  it('rejects pre-releases', () => {
    expect(() => bumpVersion('1.0.0-beta.1', 'patch')).toThrow(/plain x\.y\.z/);
  });
});
