import { writeFile } from 'node:fs/promises';
import { cliOptions, HELP } from './cli-options.js';
import { startEmulator } from './start-emulator.js';

async function main(): Promise<void> {
  const options = await cliOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const { certOut, ...emulatorOptions } = options;
  const emulator = await startEmulator({ ...emulatorOptions, log: (line) => console.log(line) });
  if (certOut !== undefined && emulator.certificate) await writeFile(certOut, emulator.certificate);
  const protocols = emulator.certificate
    ? 'HTTPS: HTTP/2 and HTTP/1.1 by ALPN'
    : 'HTTP/1.1 and h2c';
  console.log(`bedrock-emulator listening on ${emulator.url} (${protocols})`);
  const stop = (signal: string) => {
    console.log(`bedrock-emulator: ${signal}, closing`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`bedrock-emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
