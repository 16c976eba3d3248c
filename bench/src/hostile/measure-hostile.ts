import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { progress } from '../progress.js';
import { spawnEmulator } from '../service-process.js';

/**
 * The gateway under normal load plus hostile clients: `normal` streaming clients (5% of their
 * upstream calls faulted), `slowBody` clients trickling a body one byte a second, `neverReading`
 * clients that open a stream with a large answer (600 KB) and read nothing for longer than the write deadline, and `disconnecting` clients
 * that leave after the first chunk; each hostile client reconnects when cut. Then everything
 * stops and the gateway's process is read again once settled.
 */
export interface HostileSettings {
  seconds: number;
  normal: number;
  slowBody: number;
  neverReading: number;
  disconnecting: number;
  faultRate: number;
  writeTimeoutMs: number;
  requestTimeoutMs: number;
}

export const HOSTILE_DEFAULTS: HostileSettings = {
  seconds: 30,
  normal: 200,
  slowBody: 50,
  neverReading: 50,
  disconnecting: 50,
  faultRate: 0.05,
  writeTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
};

export interface GatewayStats {
  rss: number;
  heapUsed: number;
  fds: number;
  connections: number;
  inFlight: number;
  tally: Record<string, number>;
  cutByWriteDeadline: number;
}

export interface HostileResult {
  settings: HostileSettings;
  normal: {
    complete: number;
    clearErrors: number;
    silentlyShort: number;
    unanswered: number;
    errorCodes: Record<string, number>;
    faultsInjected: number;
  };
  slowBody: { opened: number; answered408: number; otherwise: number };
  neverReading: { opened: number; released: number };
  /** `firstEventMs`: from sending the request to its first event; `gaveUp`: none within 2 s. */
  disconnecting: { opened: number; gaveUp: number; firstEventMs: number[] };
  /** After warm-up and a full GC; at the end of the run; settled after it and a full GC. */
  start: GatewayStats;
  peak: { rss: number; connections: number; fds: number };
  end: GatewayStats;
  settleMs: number;
}

const FAULTS = [
  { type: 'cut', afterEvents: 3 },
  { type: 'reset', afterEvents: 3 },
  { type: 'no-message-stop' },
  { type: 'stream-exception', exception: 'modelStreamErrorException', afterEvents: 3 },
  { type: 'throttling' },
  { type: 'service-unavailable' },
  { type: 'stale-keep-alive' },
  { type: 'stall', afterEvents: 3 },
];
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startGateway(endpoint: string, settings: HostileSettings) {
  const file = fileURLToPath(new URL('./hostile-gateway-child.js', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      file,
      '--endpoint',
      endpoint,
      '--write-timeout',
      String(settings.writeTimeoutMs),
      '--request-timeout',
      String(settings.requestTimeoutMs),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  return {
    url: next().then((line) => (JSON.parse(line) as { url: string }).url),
    async ask(command: 'stats' | 'gc'): Promise<GatewayStats> {
      const answer = next();
      child.stdin?.write(`${command}\n`);
      return JSON.parse(await answer) as GatewayStats;
    },
    async close() {
      const exited = once(child, 'exit');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One streamed chat completion; how it ended. */
function streamOnce(
  url: string,
  agent: Agent,
  n: number,
): Promise<{ kind: 'complete' | 'error' | 'short' | 'unanswered'; code?: string }> {
  const body = JSON.stringify({
    model: MODEL,
    messages: [{ role: 'user', content: `load ${n}` }],
    stream: true,
  });
  return new Promise((resolve) => {
    const req = httpRequest(
      `${url}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 60_000 },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          raw += d;
        });
        res.on('error', () => resolve({ kind: 'unanswered', code: 'response error' }));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            const code = /"code":"([^"]*)"/.exec(raw)?.[1] ?? `status ${res.statusCode}`;
            resolve({ kind: 'error', code });
            return;
          }
          if (raw.includes('data: {"error"')) {
            resolve({ kind: 'error', code: /"code":"([^"]*)"/.exec(raw)?.[1] ?? 'error event' });
            return;
          }
          let text = '';
          for (const block of raw.split('\n\n')) {
            if (!block.startsWith('data: {')) continue;
            const chunk = JSON.parse(block.slice(6)) as {
              choices?: { delta?: { content?: string } }[];
            };
            text += chunk.choices?.[0]?.delta?.content ?? '';
          }
          const whole = raw.includes('data: [DONE]') && text === `Echo: load ${n}`;
          resolve({ kind: whole ? 'complete' : 'short' });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 60 s')));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ kind: 'unanswered', code: err.code ?? err.message }),
    );
    req.end(body);
  });
}

/** A raw connection; resolves when the server closes it, with what it answered. */
function rawUntilClosed(url: string, text: string, setup: (socket: Socket) => void) {
  const { port } = new URL(url);
  return new Promise<{ raw: string; socket: Socket }>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      if (raw.length < 4096) raw += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve({ raw, socket }));
    socket.on('connect', () => {
      socket.write(text, 'latin1');
      setup(socket);
    });
  });
}

export async function measureHostile(
  settings: HostileSettings = HOSTILE_DEFAULTS,
): Promise<HostileResult> {
  const emulator = await spawnEmulator({ deltas: 8, paceMs: 5, forget: true });
  const gateway = startGateway(emulator.url, settings);
  const url = await gateway.url;
  progress(`hostile: gateway at ${url}`);
  const agent = new Agent({ keepAlive: true, maxSockets: settings.normal });
  const normal: HostileResult['normal'] = {
    complete: 0,
    clearErrors: 0,
    silentlyShort: 0,
    unanswered: 0,
    errorCodes: {},
    faultsInjected: 0,
  };
  let running = true;
  let counter = 0;
  let measuring = false;
  const inject = async () => {
    const fault = FAULTS[Math.floor(Math.random() * FAULTS.length)];
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fault, operation: 'converse-stream' }),
    });
    normal.faultsInjected += 1;
  };
  const normalLoop = async () => {
    while (running) {
      counter += 1;
      if (measuring && Math.random() < settings.faultRate) await inject();
      const outcome = await streamOnce(url, agent, counter);
      if (!measuring) continue;
      if (outcome.kind === 'complete') normal.complete += 1;
      else if (outcome.kind === 'short') normal.silentlyShort += 1;
      else {
        if (outcome.kind === 'error') normal.clearErrors += 1;
        else normal.unanswered += 1;
        const code = outcome.code ?? 'unknown';
        normal.errorCodes[code] = (normal.errorCodes[code] ?? 0) + 1;
      }
    }
  };

  // Warm-up with normal clients only, then the starting figures after a full GC.
  progress(`hostile: warm-up, ${settings.normal} streaming clients for 3 s`);
  const normals = Array.from({ length: settings.normal }, normalLoop);
  await sleep(3_000);
  const start = await gateway.ask('gc');
  measuring = true;
  progress(`hostile: ${settings.seconds} s with hostile clients`);

  const slowBody = { opened: 0, answered408: 0, otherwise: 0 };
  const slowHead = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`;
  const slowLoop = async () => {
    while (running) {
      slowBody.opened += 1;
      let timer: NodeJS.Timeout | undefined;
      const { raw } = await rawUntilClosed(url, slowHead, (socket) => {
        timer = setInterval(() => {
          if (!running) socket.destroy();
          else socket.write(' ');
        }, 1_000);
      });
      clearInterval(timer);
      if (raw.startsWith('HTTP/1.1 408')) slowBody.answered408 += 1;
      else if (running) slowBody.otherwise += 1;
    }
  };
  const neverReading = { opened: 0, released: 0 };
  const big = JSON.stringify({
    model: MODEL,
    // As large as the model's context allows (200,000 tokens at 4 characters a token).
    messages: [{ role: 'user', content: 'y'.repeat(600 * 1024) }],
    stream: true,
  });
  const neverHead = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${big.length}\r\n\r\n${big}`;
  const neverLoop = async () => {
    while (running) {
      neverReading.opened += 1;
      // Reads nothing until past the write deadline, then drains what the gateway left in the
      // socket buffers (the close it finds there is the gateway's).
      let timer: NodeJS.Timeout | undefined;
      const { raw } = await rawUntilClosed(url, neverHead, (socket) => {
        socket.pause();
        timer = setTimeout(() => {
          if (!running) socket.destroy();
          else socket.resume();
        }, settings.writeTimeoutMs + 2_000);
      });
      clearTimeout(timer);
      if (raw.startsWith('HTTP/1.1 200')) neverReading.released += 1;
    }
  };
  const disconnecting = { opened: 0, gaveUp: 0, firstEventMs: [] as number[] };
  const leaveLoop = async () => {
    while (running) {
      disconnecting.opened += 1;
      const body = JSON.stringify({
        model: MODEL,
        messages: [{ role: 'user', content: `leave ${disconnecting.opened}` }],
        stream: true,
      });
      const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
      // Leaves at its first event, or after 2 s without one (a saturated gateway may take
      // longer than that to start an answer): either way, before the answer is whole.
      const sent = performance.now();
      await rawUntilClosed(url, head, (socket) => {
        const timer = setTimeout(() => {
          disconnecting.gaveUp += 1;
          socket.destroy();
        }, 2_000);
        socket.on('data', (d: string) => {
          if (!d.includes('data: ') || socket.destroyed) return;
          disconnecting.firstEventMs.push(performance.now() - sent);
          socket.destroy();
        });
        socket.once('close', () => clearTimeout(timer));
      });
    }
  };
  const hostile = [
    ...Array.from({ length: settings.slowBody }, slowLoop),
    ...Array.from({ length: settings.neverReading }, neverLoop),
    ...Array.from({ length: settings.disconnecting }, leaveLoop),
  ];
  const peak = { rss: start.rss, connections: start.connections, fds: start.fds };
  let tick = 0;
  const sampler = setInterval(() => {
    tick += 1;
    if (tick % 5 === 0) {
      progress(
        `hostile: ${tick} s, normal ${normal.complete + normal.clearErrors}, slow bodies ${slowBody.opened}, never-reading ${neverReading.opened}, disconnecting ${disconnecting.opened}`,
      );
    }
    void gateway.ask('stats').then((s) => {
      peak.rss = Math.max(peak.rss, s.rss);
      peak.connections = Math.max(peak.connections, s.connections);
      peak.fds = Math.max(peak.fds, s.fds);
    });
  }, 1_000);
  await sleep(settings.seconds * 1_000);
  running = false;
  clearInterval(sampler);
  progress('hostile: stopping the clients');
  await Promise.all([...normals, ...hostile]);
  agent.destroy();
  const settleStart = performance.now();
  let end = await gateway.ask('gc');
  while ((end.inFlight > 0 || end.connections > 0) && performance.now() - settleStart < 30_000) {
    await sleep(250);
    end = await gateway.ask('gc');
  }
  const settleMs = performance.now() - settleStart;
  await gateway.close();
  await emulator.close();
  return {
    settings,
    normal,
    slowBody,
    neverReading,
    disconnecting,
    start,
    peak,
    end,
    settleMs,
  };
}
