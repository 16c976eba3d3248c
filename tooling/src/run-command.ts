import { spawn } from 'node:child_process';
import { killSession } from './kill-session.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  /** Working directory of the command. Required. */
  cwd: string;
  /** Hard time limit; the command is killed (SIGKILL) when it passes. Default 120 000 ms. */
  timeoutMs?: number;
  /** Environment of the command. Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /**
   * Runs the command in its own session and process group and kills all of it on timeout, so
   * grandchildren (`pnpm` -> `turbo` -> `tsc`, even in groups of their own) do not outlive it.
   * Default `false` (the command then shares the caller's group and still gets Ctrl-C).
   */
  processGroup?: boolean;
}

/** Runs a command without a shell and with a hard time limit; never hangs a test. */
export function runCommand(
  command: string,
  args: string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.processGroup === true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      killCommand(child.pid, options.processGroup === true, () => child.kill('SIGKILL'));
      reject(
        new Error(
          `${command} ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Kills the command's whole session when asked to, else the child alone. */
function killCommand(pid: number | undefined, group: boolean, killChild: () => void): void {
  if (group && pid !== undefined && killSession(pid, 'SIGKILL') > 0) return;
  killChild();
}
