import { cliOptions, HELP } from './cli-options.js';
import { startEmulator } from './start-emulator.js';

async function main(): Promise<void> {
  const options = await cliOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const emulator = await startEmulator({ ...options, log: (line) => console.log(line) });
  console.log(`bedrock-emulator listening on ${emulator.url} (HTTP/1.1 and h2c)`);
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
