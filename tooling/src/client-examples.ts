import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePackage } from './workspace-packages.js';

/**
 * A README example that runs against the emulator with third-party clients installed next to the
 * package (the OpenAI clients of `@bedrock-bridge/openai`'s one-liners). `install` are registry
 * specs; the example runs with the transport pointed at an emulator through the environment.
 */
export interface ClientExample {
  /** Registry packages the example imports besides the workspace's. */
  install: readonly string[];
  /** The README's fenced block that holds the example (the first ```ts block containing this). */
  marker: string;
  /** Lowest Node major the clients run on (LangChain's current client needs 22). */
  nodeMajor: number;
  /** The lines the example prints against the emulator (it echoes the prompt). */
  output: readonly string[];
}

export const CLIENT_EXAMPLES: Readonly<Record<string, ClientExample>> = {
  '@bedrock-bridge/openai': {
    install: [
      'openai@^6',
      'ai@^7',
      '@ai-sdk/openai@^4',
      '@langchain/openai@^1',
      '@langchain/core@^1',
    ],
    marker: 'new ChatOpenAI(',
    nodeMajor: 22,
    output: ['Echo: Hello Bedrock', 'Echo: Hello Bedrock', 'Echo: Hello Bedrock'],
  },
};

/** The example's code, copied from the README unchanged. */
export function clientExampleCode(pkg: WorkspacePackage, example: ClientExample): string {
  const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((b) => b.includes(example.marker));
  if (block === undefined)
    throw new Error(`${pkg.name}/README.md has no block with ${example.marker}`);
  return block;
}

/**
 * A module that starts the emulator (installed from its tarball), points the environment's
 * Bedrock endpoints and credentials at it, runs `example.mjs` and stops the emulator.
 */
export const RUN_WITH_EMULATOR = `import { startEmulator } from '@bedrock-bridge/emulator';
const emulator = await startEmulator();
process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = emulator.url;
process.env.AWS_ENDPOINT_URL_BEDROCK = emulator.url;
process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'emulator';
try {
  await import('./example.mjs');
} finally {
  await emulator.close();
}
`;
