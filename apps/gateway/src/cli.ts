import { buildProgram } from './program.js';

/** Entry of the `bedrock-bridge` bin. */
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`bedrock-bridge: ${message}\n`);
  process.exitCode = 1;
}
