import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The README's example with the three clients (`openai`, the AI SDK, LangChain) runs as written:
 * the block is copied out of the README unchanged and run by Node 22 (LangChain's client needs
 * it) with the environment pointing the transport at the emulator, as a user's AWS environment
 * would point it at Bedrock.
 */

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

function exampleBlock(): string {
  const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const block = blocks.find((b) => b.includes('new ChatOpenAI('));
  if (block === undefined) throw new Error('the README has no example with the three clients');
  return block;
}

describe('README example', () => {
  it('the three one-liners answer through the in-process fetch', async () => {
    // Inside the package (git-ignored): its imports resolve as in a user's project, the package
    // itself by its name.
    const dir = fileURLToPath(new URL('../.cache/readme-example/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const script = `${dir}example.mjs`;
    writeFileSync(script, exampleBlock());
    const [command, args] =
      Number(process.versions.node.split('.')[0]) >= 22
        ? [process.execPath, [script]]
        : ['npx', ['-y', '-p', 'node@22', 'node', script]];
    const { stdout } = await promisify(execFile)(command, args, {
      timeout: 120_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
        AWS_ENDPOINT_URL_BEDROCK: emulator.url,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'emulator',
      },
    });
    expect(stdout.trim().split('\n')).toEqual([
      'Echo: Hello Bedrock',
      'Echo: Hello Bedrock',
      'Echo: Hello Bedrock',
    ]);
    expect(emulator.requests.filter((r) => r.operation === 'converse')).toHaveLength(3);
  }, 150_000);
});
