import { createBackend, createServer, createStack } from '@bedrock-bridge/gateway';
import { CREDENTIALS, REGION } from './conversation.js';

/**
 * The gateway as `gateway-child` runs it, plus two instants per chat request, taken on the
 * clock every process of this machine shares (`performance.timeOrigin + performance.now()`):
 * when the request arrived (Fastify's `onRequest`) and when its first text chunk was handed
 * to the socket. `GET /__bench/marks` returns (and forgets) them, in arrival order.
 * Arguments: `--endpoint URL` (the emulator). Prints `{"url": ...}`; exits when stdin closes.
 */
interface Marks {
  arrived: number;
  firstToken?: number;
}

/** A chunk that carries answer text (not the role chunk, not the finish). */
const CONTENT = /"content":"[^"]/;
const clock = (): number => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const endpoint = args[args.indexOf('--endpoint') + 1];
  if (!args.includes('--endpoint') || !endpoint) {
    throw new Error('gateway-marks-child: --endpoint URL is required');
  }
  const stack = await createStack({
    endpoint,
    region: REGION,
    transport: { credentials: { ...CREDENTIALS } },
    env: {},
  });
  const gateway = createServer({ backend: createBackend(stack), log: false });
  const marks: Marks[] = [];
  gateway.app.addHook('onRequest', async (request, reply) => {
    if (request.url !== '/v1/chat/completions') return;
    const mark: Marks = { arrived: clock() };
    marks.push(mark);
    const res = reply.raw;
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (mark.firstToken === undefined && CONTENT.test(String(chunk))) mark.firstToken = clock();
      return write(chunk, ...rest);
    }) as typeof res.write;
  });
  gateway.app.get('/__bench/marks', async () => marks.splice(0));
  const url = await gateway.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = (): void => {
    gateway
      .close(1_000)
      .then(() => stack.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway-marks-child: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
