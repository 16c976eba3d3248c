import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');

/** Every module specifier a built ES module imports or re-exports at run time. */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1] as string);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(match[1] as string);
  }
  return found;
}

/** Every module specifier a built declaration file names, type-only imports included. */
function declarationImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) found.push(match[1] as string);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(match[1] as string);
  }
  return found;
}

/** The packages reachable from `entry` through its relative imports, and the files visited. */
function importGraph(
  entry: string,
  importsOf: (file: string) => string[] = runtimeImports,
): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        queue.push(
          join(dirname(file), specifier.replace(/\.js$/, file.endsWith('.d.ts') ? '.d.ts' : '.js')),
        );
      } else packages.add(specifier);
    }
  }
  return { packages, files };
}

describe('@bedrock-bridge/models/facts', () => {
  it('imports neither transport nor the AWS SDK at run time (built files)', () => {
    const entry = join(dist, 'facts.js');
    expect(existsSync(entry), 'build the package first (pnpm build)').toBe(true);
    const { packages, files } = importGraph(entry);
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].sort()).toEqual(['@bedrock-bridge/errors']);
    // The main entry does pull discovery in: the graph walk sees what it must.
    expect(importGraph(join(dist, 'index.js')).packages).toContain('@bedrock-bridge/transport');
  });

  it('names neither transport nor the AWS SDK in its declarations (types-only users)', () => {
    const entry = join(dist, 'facts.d.ts');
    expect(existsSync(entry), 'build the package first (pnpm build)').toBe(true);
    const { packages, files } = importGraph(entry, declarationImports);
    expect(files.size).toBeGreaterThan(5);
    const heavy = [...packages].filter((name) => /^@aws-sdk\/|^@smithy\/|transport/.test(name));
    expect(heavy).toEqual([]);
    // The main entry's declarations do name them: the walk sees what it must.
    const all = importGraph(join(dist, 'index.d.ts'), declarationImports).packages;
    expect([...all].filter((name) => /^@aws-sdk\/|^@smithy\/|transport/.test(name))).not.toEqual(
      [],
    );
  });

  it('answers facts through the subpath', async () => {
    const facts = await import('@bedrock-bridge/models/facts');
    expect(facts.getContextLength('anthropic.claude-3-haiku-20240307-v1:0')).toBeGreaterThan(0);
    expect(
      facts.resolveModelId('anthropic.claude-sonnet-4-20250514-v1:0', { region: 'eu-west-1' })
        .modelId,
    ).toMatch(/^eu\./);
  });
});
