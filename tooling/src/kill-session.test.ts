import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { killSession } from './kill-session.js';

/** State and process group of a pid from /proc, or undefined once it is gone. */
function stat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Waits (bounded) until a pid is gone or a zombie. */
async function gone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = stat(pid);
    if (!s || s.state === 'Z') return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.runIf(existsSync('/proc/self/stat'))('killSession', () => {
  it('kills a grandchild that moved to a process group of its own, as turbo tasks do', async () => {
    // bash with job control puts its background job in a new process group, same session.
    const leader = spawn('bash', ['-c', 'set -m; sleep 60 & echo $!; wait'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const sleeper = await new Promise<number>((resolve, reject) => {
      leader.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      leader.once('exit', () => reject(new Error('the leader exited early')));
    });
    try {
      expect(stat(sleeper)?.pgrp).not.toBe(leader.pid);
      expect(killSession(leader.pid!, 'SIGKILL')).toBeGreaterThanOrEqual(2);
      expect(await gone(sleeper)).toBe(true);
      expect(await gone(leader.pid!)).toBe(true);
    } finally {
      if (stat(sleeper)) process.kill(sleeper, 'SIGKILL');
    }
  });
});
