import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

/**
 * Environment variables that give git (ours and the one changesets runs to tag releases) a
 * private config: an identity for commits and annotated tags, no signing, no hooks, nothing
 * from the user's or the system's git config. `dir` receives the config file.
 */
export function isolatedGitEnv(dir: string): Record<string, string> {
  const config = join(dir, 'gitconfig');
  writeFileSync(
    config,
    [
      '[user]',
      '  name = release-test',
      '  email = release-test@localhost',
      '[commit]',
      '  gpgsign = false',
      '[tag]',
      '  gpgsign = false',
      '[init]',
      '  defaultBranch = main',
      '',
    ].join('\n'),
  );
  return { GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' };
}

/** Makes `dir` a git repository whose first commit holds everything in it. */
export async function initGitRepo(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  await git(dir, ['init', '-q'], env);
  await commitAll(dir, 'snapshot', env);
}

/** Commits every change under `dir` (a throwaway repository), so the next diff starts clean. */
export async function commitAll(
  dir: string,
  message: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  await git(dir, ['add', '-A'], env);
  await git(dir, ['commit', '-q', '--allow-empty', '--no-verify', '-m', message], env);
}

/** Runs git in `dir` (bounded to 60 s) and returns its stdout; a non-zero exit throws. */
export async function git(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCommand('git', args, { cwd: dir, env, timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}
