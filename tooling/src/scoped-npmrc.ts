import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Appends to `<dir>/.npmrc` the lines that send one scope to a registry (and only that scope:
 * every other package still comes from the default registry), plus the registry's auth token
 * when given. Lines already in the file stay.
 */
export function writeScopedNpmrc(
  dir: string,
  scope: string,
  registryUrl: string,
  token?: string,
): void {
  const path = join(dir, '.npmrc');
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const hostPath = registryUrl.replace(/^https?:/, '');
  const lines = [`${scope}:registry=${registryUrl}`];
  if (token) lines.push(`${hostPath}:_authToken=${token}`);
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  appendFileSync(path, `${separator}${lines.join('\n')}\n`);
}
