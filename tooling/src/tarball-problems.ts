import { posix } from 'node:path';

/** The licence file every tarball must carry (`license` in package.json is not the text). */
const LICENCE_FILE = /^LICEN[CS]E(\.md|\.txt)?$/i;

/** Files a package tarball may hold, as paths relative to the package root. */
const allowed: Array<[RegExp, string]> = [
  [/^package\.json$/, 'manifest'],
  [/^README\.md$/i, 'readme'],
  [LICENCE_FILE, 'licence'],
  [/^CHANGELOG\.md$/i, 'changelog'],
  [/^dist\/.+\.(js|mjs|cjs)$/, 'code'],
  [/^dist\/.+\.d\.(ts|mts|cts)$/, 'types'],
  [/^dist\/.+\.map$/, 'source map'],
  [/^dist\/.+\.json$/, 'data the code loads'],
  [/^bin\/[^/]+$/, 'bin'],
];

/** Files users never need, named so that a failure says what slipped in. */
const forbidden: Array<[RegExp, string]> = [
  [/\.(test|spec)\.[cm]?[jt]sx?$|\.(test|spec)\.d\.[cm]?ts$/, 'a test file'],
  [/(^|\/)__fixtures__\//, 'a test fixture'],
  [/(^|\/)test-support\//, 'test support code'],
  [/(^|\/)src\//, 'source code'],
  [/(^|\/)tsconfig[^/]*\.json$/, 'a tsconfig'],
  [/(^|\/)bench\//, 'benchmark code'],
  [/\.tsbuildinfo$/, 'a TypeScript build cache'],
  [/(^|\/)vitest\.config\./, 'test configuration'],
];

/**
 * What is wrong with the file list of a package tarball: files users do not need, files not
 * on the allow-list, source maps (or `sourceMappingURL` comments) that point at files the
 * tarball does not hold, a missing manifest, README or LICENSE, and entry points (`exports`,
 * `bin`, `types`, `main`) that are missing. `read` returns a text file of the tarball. An
 * empty answer means clean.
 */
export function tarballProblems(
  files: string[],
  manifest: Record<string, unknown>,
  read: (path: string) => string,
): string[] {
  const present = new Set(files);
  const problems: string[] = [];
  for (const file of files) {
    const bad = forbidden.find(([pattern]) => pattern.test(file));
    if (bad) {
      problems.push(`${file}: ${bad[1]} does not belong in the tarball`);
      continue;
    }
    if (!allowed.some(([pattern]) => pattern.test(file))) {
      problems.push(`${file}: not a file users need (not on the allow-list)`);
      continue;
    }
    if (file.endsWith('.map')) problems.push(...mapProblems(file, read(file), present));
    if (/\.(js|mjs|cjs)$/.test(file)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(file))?.[1];
      if (url && !url.startsWith('data:')) {
        const target = posix.join(posix.dirname(file), url);
        if (!present.has(target)) problems.push(`${file}: sourceMappingURL ${url} is missing`);
      }
    }
  }
  for (const required of ['package.json', 'README.md']) {
    if (!present.has(required)) problems.push(`${required}: missing`);
  }
  if (!files.some((file) => LICENCE_FILE.test(file))) problems.push('LICENSE: missing');
  for (const entry of entryPoints(manifest)) {
    if (!present.has(entry)) problems.push(`${entry}: named by package.json but missing`);
  }
  return problems;
}

function mapProblems(file: string, text: string, present: Set<string>): string[] {
  let map: { sources?: unknown; sourceRoot?: unknown; sourcesContent?: unknown };
  try {
    map = JSON.parse(text) as typeof map;
  } catch (err) {
    return [`${file}: source map is not JSON (${(err as Error).message})`];
  }
  const sources = Array.isArray(map.sources) ? map.sources.map(String) : [];
  const root = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
  const inlined = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
  return sources.flatMap((source, i) => {
    if (typeof inlined[i] === 'string') return [];
    const target = posix.normalize(posix.join(posix.dirname(file), root, source));
    return present.has(target) ? [] : [`${file}: maps to ${source}, which is not in the tarball`];
  });
}

/** Every file path package.json names as an entry point, normalized (no leading `./`). */
function entryPoints(manifest: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('*')) paths.push(posix.normalize(value));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect(manifest.exports);
  collect(manifest.bin);
  collect(manifest.types);
  collect(manifest.main);
  return [...new Set(paths)];
}
