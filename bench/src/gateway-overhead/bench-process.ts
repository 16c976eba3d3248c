import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { BenchChildMessage, BenchChildRequest } from './bench-child.js';

/** A bench child process (emulator or gateway) and the questions it answers. */
export interface BenchProcess {
  url: string;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** Heap in use after a full GC (the child runs with --expose-gc), in bytes. */
  heapBytes(): Promise<number>;
  /** The gateway's own time to first token (its log's `ttftMs`) of each call since the last ask. */
  ttftSamples(): Promise<number[]>;
  /** Sends a request that is answered with `done`. */
  command(request: BenchChildRequest & { type: 'inject' | 'clear-faults' }): Promise<void>;
  close(): Promise<void>;
}

/** Forks `bench-child.js <role> <arg>` and waits until it listens. */
export async function startBenchProcess(role: 'emulator' | 'gateway', arg: string) {
  const child: ChildProcess = fork(new URL('./bench-child.js', import.meta.url), [role, arg], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Answers come back in the order the questions went out.
  const waiting: ((message: BenchChildMessage) => void)[] = [];
  let ready: (url: string) => void = () => {};
  let failed: (err: Error) => void = () => {};
  const started = new Promise<string>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  child.on('message', (message: BenchChildMessage) => {
    if (message.type === 'ready') ready(message.url);
    else waiting.shift()?.(message);
  });
  child.once('exit', (code) => failed(new Error(`bench ${role} process exited (${code})`)));
  child.once('error', failed);

  function ask(request: BenchChildRequest): Promise<BenchChildMessage> {
    return new Promise((resolve) => {
      waiting.push(resolve);
      child.send(request);
    });
  }

  const url = await started;
  const process: BenchProcess = {
    url,
    async cpuMs() {
      const answer = await ask({ type: 'cpu' });
      if (answer.type !== 'cpu') throw new Error(`bench ${role}: expected cpu, got ${answer.type}`);
      return answer.microseconds / 1000;
    },
    async heapBytes() {
      const answer = await ask({ type: 'heap' });
      if (answer.type !== 'heap')
        throw new Error(`bench ${role}: expected heap, got ${answer.type}`);
      return answer.bytes;
    },
    async ttftSamples() {
      const answer = await ask({ type: 'ttft' });
      if (answer.type !== 'ttft')
        throw new Error(`bench ${role}: expected ttft, got ${answer.type}`);
      return answer.samples;
    },
    async command(request) {
      await ask(request);
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'close' } satisfies BenchChildRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  return process;
}
