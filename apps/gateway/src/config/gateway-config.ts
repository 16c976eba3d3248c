import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const ms = z.number().int().min(1).max(3_600_000);
const name = z.string().trim().min(1);

const upstream = z.strictObject({
  region: name,
  name: name.optional(),
  endpoint: z.url().optional(),
  profile: name.optional(),
  credentials: z
    .strictObject({
      accessKeyId: name,
      secretAccessKey: name,
      sessionToken: name.optional(),
    })
    .optional(),
  token: name.optional(),
  weight: z.number().positive().finite().optional(),
});

/** Default request parameters an alias adds when the request does not set them. */
const aliasDefaults = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).optional(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).optional(),
});

const alias = z.union([name, z.strictObject({ model: name, defaults: aliasDefaults.optional() })]);

/** The config file's shape (JSON or YAML). Every key is optional; flags win over the file. */
export const gatewayConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).optional(),
  host: name.optional(),
  /** One key or several (rotation): clients send any of them as `Authorization: Bearer`. */
  apiKeys: z.array(name).min(1).optional(),
  bodyLimit: z.number().int().min(1024).optional(),
  shutdownTimeoutMs: z.number().int().min(0).max(600_000).optional(),
  redis: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  upstreams: z.array(upstream).min(1).optional(),
  circuit: z
    .strictObject({
      failureThreshold: z.number().int().min(1).max(1000).optional(),
      cooldownMs: ms.optional(),
      maxCooldownMs: ms.optional(),
    })
    .optional(),
  timeouts: z
    .strictObject({
      firstByteMs: ms.optional(),
      idleMs: ms.optional(),
      textIdleMs: ms.optional(),
      totalMs: ms.optional(),
    })
    .optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  /** Parameter policy (`--params`): `drop` or `strict`. */
  parameterPolicy: z.enum(['drop', 'strict']).optional(),
  /** `gpt-4o: anthropic.claude-…` or `gpt-4o: { model, defaults }`. */
  aliases: z.record(name, alias).optional(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type AliasDefaults = z.infer<typeof aliasDefaults>;

/** A config file that cannot be used; the message names the file and the key. */
export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** `upstreams[1].weight`, `aliases["gpt-4o"].model`: the path of a zod issue as a key. */
function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(part)))
      out += `${out ? '.' : ''}${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(top level)';
}

/** Validates parsed config data; throws a `ConfigError` naming the first bad key. */
export function parseGatewayConfig(data: unknown, source = 'config'): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ConfigError(`${source}: invalid`);
  const key =
    issue.code === 'unrecognized_keys'
      ? keyPath([...issue.path, issue.keys[0] ?? ''])
      : keyPath(issue.path);
  const what = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
  throw new ConfigError(`${source}: ${key}: ${what}`);
}

/** Reads and validates a `.json`, `.yaml` or `.yml` config file. */
export function loadGatewayConfig(file: string): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read it (${(error as Error).message})`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `${file}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return parseGatewayConfig(data, file);
}
