import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { progress } from './progress.js';

/** One package whose own benchmark `pnpm bench` runs. */
export interface PackageBench {
  name: string;
  /** Where its `script` is defined. */
  dir: string;
  /** The npm script to run. Default `bench`. */
  script?: string;
}

/** The packages with a "Measured" section in their issue. */
export const PACKAGE_BENCHES: readonly PackageBench[] = [
  { name: '@bedrock-bridge/format', dir: 'packages/format' },
  { name: '@bedrock-bridge/transport', dir: 'packages/transport' },
  { name: '@bedrock-bridge/models', dir: 'packages/models' },
  // The app is private and exports no bench helpers: its overhead bench lives here.
  { name: '@bedrock-bridge/gateway', dir: 'bench', script: 'bench:gateway' },
];

/** What running one package's benchmark gave. */
export interface PackageBenchResult {
  bench: PackageBench;
  status: 'ok' | 'missing' | 'failed' | 'timed out';
  /** The command run, for the report. */
  command?: string;
  /** stdout of the run (the package's figures), or why there is none. */
  output: string;
  /** The last lines of stderr when the run failed. */
  errorTail?: string;
  seconds: number;
}

function benchScript(root: string, bench: PackageBench): string | undefined {
  const file = path.join(root, bench.dir, 'package.json');
  if (!existsSync(file)) return undefined;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> };
  return pkg.scripts?.[bench.script ?? 'bench'];
}

/** Removes terminal colour and cursor sequences (a bench may colour its output anyway). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Environment variable set to `1` for package benches in a `--quick` run. */
export const QUICK_ENV = 'BEDROCK_BRIDGE_BENCH_QUICK';

function run(
  cwd: string,
  args: string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    // The package's bench runs in a process group of its own, so a timeout ends all of it.
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}\n${err.message}`, timedOut });
    });
  });
}

/**
 * Runs each package's own `bench` script (one after another, so they do not skew each
 * other) and keeps its output for BENCHMARKS.md. A quick run sets `BEDROCK_BRIDGE_BENCH_QUICK=1`
 * in their environment (an environment variable rather than a flag: not every bench's
 * argument parser accepts unknown flags). A package without a `bench` script is reported
 * as missing.
 */
export async function runPackageBenches(options: {
  root: string;
  quick: boolean;
  timeoutMs: number;
}): Promise<PackageBenchResult[]> {
  const results: PackageBenchResult[] = [];
  for (const bench of PACKAGE_BENCHES) {
    const name = bench.script ?? 'bench';
    const script = benchScript(options.root, bench);
    if (script === undefined) {
      results.push({ bench, status: 'missing', output: `no \`${name}\` script`, seconds: 0 });
      progress(`packages: ${bench.name} has no ${name} script`);
      continue;
    }
    const args = ['run', '--silent', name];
    const quickEnv = options.quick ? `${QUICK_ENV}=1 ` : '';
    const command = `${quickEnv}npm ${args.join(' ')}` + ` (in ${bench.dir}: ${script})`;
    progress(`packages: ${bench.name}: ${quickEnv}${script}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...(options.quick ? { [QUICK_ENV]: '1' } : {}),
    };
    const start = performance.now();
    const r = await run(path.join(options.root, bench.dir), args, options.timeoutMs, env);
    const seconds = (performance.now() - start) / 1000;
    const errorTail = stripAnsi(r.stderr).trim().split('\n').slice(-15).join('\n');
    const status = r.timedOut ? 'timed out' : r.code === 0 ? 'ok' : 'failed';
    progress(`packages: ${bench.name}: ${status} in ${seconds.toFixed(1)} s`);
    results.push({
      bench,
      status,
      command,
      output: stripAnsi(r.stdout).trim(),
      ...(status === 'ok' ? {} : { errorTail }),
      seconds,
    });
  }
  return results;
}
