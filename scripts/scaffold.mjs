// One-off generator for the package skeletons (kept for adding packages later).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const aws = '^3.1164.0';
const pkgs = [
  {
    dir: 'packages/errors',
    name: '@bedrock-bridge/errors',
    description:
      'One error taxonomy for Amazon Bedrock: classify anything thrown by the AWS SDK, Node or a stream into a named kind.',
    deps: {},
    dev: { '@aws-sdk/client-bedrock-runtime': aws, '@aws-sdk/client-bedrock': aws },
  },
  {
    dir: 'packages/format',
    name: '@bedrock-bridge/format',
    description:
      'Pure, lossless conversion between OpenAI chat requests/answers/streams and Bedrock Converse.',
    deps: { '@bedrock-bridge/errors': 'workspace:*' },
    peer: { '@aws-sdk/client-bedrock-runtime': aws },
    peerOptional: true,
    dev: { '@aws-sdk/client-bedrock-runtime': aws, 'fast-check': '^4.10.2', openai: '^6.30.1' },
  },
  {
    dir: 'packages/transport',
    name: '@bedrock-bridge/transport',
    description:
      'Bedrock Converse/ConverseStream over the AWS SDK with deadlines, retries, stale-connection eviction and stream integrity.',
    deps: {
      '@bedrock-bridge/errors': 'workspace:*',
      '@aws-sdk/client-bedrock-runtime': aws,
      '@aws-sdk/client-bedrock': aws,
      '@smithy/node-http-handler': '^4.14.2',
      '@smithy/types': '^4.20.0',
    },
    dev: { '@bedrock-bridge/emulator': 'workspace:*' },
  },
  {
    dir: 'packages/models',
    name: '@bedrock-bridge/models',
    description:
      'Bedrock model discovery, inference-profile resolution, context lengths and capabilities.',
    deps: {
      '@bedrock-bridge/errors': 'workspace:*',
      '@bedrock-bridge/transport': 'workspace:*',
      '@aws-sdk/client-bedrock': aws,
    },
    dev: { '@bedrock-bridge/emulator': 'workspace:*' },
  },
  {
    dir: 'packages/emulator',
    name: '@bedrock-bridge/emulator',
    description:
      'A local Amazon Bedrock (runtime and control plane) over HTTP/1.1 and h2c, with fault injection.',
    deps: { '@smithy/eventstream-codec': '^4.5.2', '@smithy/util-utf8': '^4.5.2' },
    dev: {
      '@aws-sdk/client-bedrock-runtime': aws,
      '@aws-sdk/client-bedrock': aws,
      '@smithy/node-http-handler': '^4.14.2',
    },
    bin: { 'bedrock-emulator': './dist/bin.js' },
  },
  {
    dir: 'apps/gateway',
    name: '@bedrock-bridge/gateway',
    private: true,
    description: 'OpenAI-compatible gateway, terminal chat and demo in front of Amazon Bedrock.',
    deps: {
      '@bedrock-bridge/errors': 'workspace:*',
      '@bedrock-bridge/format': 'workspace:*',
      '@bedrock-bridge/transport': 'workspace:*',
      '@bedrock-bridge/models': 'workspace:*',
      '@bedrock-bridge/emulator': 'workspace:*',
      fastify: '^5.12.8',
      commander: '^14.0.3',
      openai: '^6.30.1',
    },
    dev: {},
    bin: { 'bedrock-bridge': './dist/cli.js' },
  },
];

for (const p of pkgs) {
  mkdirSync(join(p.dir, 'src'), { recursive: true });
  const depth = p.dir.split('/').length;
  const up = '../'.repeat(depth);
  const pkg = {
    name: p.name,
    version: '0.0.0',
    description: p.description,
    ...(p.private ? { private: true } : {}),
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    engines: { node: '>=20.19' },
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './package.json': './package.json',
    },
    types: './dist/index.d.ts',
    ...(p.bin ? { bin: p.bin } : {}),
    files: ['dist', '!dist/**/*.test.*', '!dist/**/__fixtures__', 'README.md', 'CHANGELOG.md'],
    scripts: {
      build: 'rm -rf dist && tsc -p tsconfig.build.json',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      test: 'vitest run',
      lint: 'biome check .',
    },
    dependencies: p.deps,
    ...(p.peer ? { peerDependencies: p.peer } : {}),
    ...(p.peerOptional
      ? {
          peerDependenciesMeta: Object.fromEntries(
            Object.keys(p.peer).map((k) => [k, { optional: true }]),
          ),
        }
      : {}),
    devDependencies: p.dev,
    ...(p.private ? {} : { publishConfig: { access: 'public' } }),
  };
  writeFileSync(join(p.dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  writeFileSync(
    join(p.dir, 'tsconfig.json'),
    JSON.stringify(
      { extends: `${up}tsconfig.base.json`, compilerOptions: { noEmit: true }, include: ['src'] },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(
    join(p.dir, 'tsconfig.build.json'),
    JSON.stringify(
      {
        extends: './tsconfig.json',
        compilerOptions: { noEmit: false, outDir: 'dist', rootDir: 'src' },
        exclude: ['src/**/*.test.ts', 'src/**/__fixtures__', 'src/**/test-support'],
      },
      null,
      2,
    ) + '\n',
  );
  const short = p.name.split('/')[1];
  writeFileSync(
    join(p.dir, 'vitest.config.ts'),
    `import { defineProject } from 'vitest/config';\n\nexport default defineProject({\n  test: {\n    name: '${short}',\n    include: ['src/**/*.test.ts'],\n  },\n});\n`,
  );
  if (!existsSync(join(p.dir, 'src/index.ts')))
    writeFileSync(join(p.dir, 'src/index.ts'), 'export {};\n');
}
