import type { UpstreamOptions } from '@bedrock-bridge/transport';

const KEYS = ['name', 'endpoint', 'profile', 'weight'] as const;

/**
 * Parses one `--upstream` value: `REGION[,name=N][,endpoint=URL][,profile=P][,weight=W]`, e.g.
 * `eu-west-1,weight=2` or `us-east-1,endpoint=http://127.0.0.1:4000`. Secrets are never taken
 * from the command line (they would show in `ps`): credentials come from the profile, the
 * environment or the config file. Throws an Error naming the part at fault.
 */
export function parseUpstreamFlag(value: string): UpstreamOptions {
  const [region, ...pairs] = value.split(',').map((p) => p.trim());
  if (region === undefined || region === '' || region.includes('=')) {
    throw new Error(`expected REGION[,key=value...], e.g. eu-west-1,weight=2 (got "${value}").`);
  }
  const upstream: UpstreamOptions = { region };
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at);
    const raw = pair.slice(at + 1);
    if (at <= 0 || raw === '') throw new Error(`"${pair}" is not key=value.`);
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new Error(`unknown key "${key}" (one of: ${KEYS.join(', ')}).`);
    }
    const known = key as (typeof KEYS)[number];
    switch (known) {
      case 'name':
        upstream.name = raw;
        break;
      case 'profile':
        upstream.profile = raw;
        break;
      case 'endpoint':
        if (!URL.canParse(raw)) throw new Error(`endpoint "${raw}" is not a URL.`);
        upstream.endpoint = raw;
        break;
      case 'weight': {
        const weight = Number(raw);
        if (!Number.isFinite(weight) || weight <= 0) {
          throw new Error(`weight "${raw}" is not a number > 0.`);
        }
        upstream.weight = weight;
        break;
      }
      default: {
        const never: never = known;
        throw new Error(`unknown key ${String(never)}`);
      }
    }
  }
  return upstream;
}
