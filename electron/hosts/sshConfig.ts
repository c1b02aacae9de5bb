// Reading ~/.ssh/config the way `ssh -G` resolves the keys VirtWire uses: HostName, Port,
// User, IdentityFile, IdentitiesOnly and ProxyJump (each hop resolved through the config too).
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import SSHConfig from 'ssh-config';
import { ApiError } from '../../shared/errors.ts';
import type { SshEndpoint } from '../ssh/endpoint.ts';

export interface ResolvedHost {
  target: SshEndpoint;
  /** hops, first hop first */
  jumps: SshEndpoint[];
  /** ProxyJump as the config wrote it (aliases stay aliases, so each hop keeps its own settings) */
  proxyJump?: string;
}

export interface TargetParts {
  user?: string;
  host: string;
  port?: number;
}

/** Nested ProxyJump chains longer than this are a loop in the config. */
const MAX_HOPS = 8;

/** `user@host:port`, `host`, `[v6addr]:port` or `ssh://user@host:port`, as ssh -J takes them. */
export function parseTarget(text: string): TargetParts {
  const match = /^(?:ssh:\/\/)?(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?\/?$/.exec(text.trim());
  if (!match?.[2]) throw new ApiError('invalid-input', `"${text}" is not an SSH target like user@host:port.`);
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65_535)) throw new ApiError('invalid-input', `The port in "${text}" is out of range.`);
  return {
    ...(match[1] ? { user: match[1] } : {}),
    host: match[2].replace(/^\[(.*)\]$/, '$1'),
    ...(port === undefined ? {} : { port }),
  };
}

export const formatTarget = (e: SshEndpoint): string => `${e.user}@${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;

/** The parsed config, or an empty one when the file does not exist. */
export async function readSshConfig(path = `${homedir()}/.ssh/config`): Promise<SSHConfig> {
  try {
    return SSHConfig.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new SSHConfig();
    throw new ApiError('io', `The SSH config ${path} cannot be read.`, (error as Error).message);
  }
}

/** The names of Host entries that are concrete aliases (no wildcards or negations). */
export function configAliases(config: SSHConfig): string[] {
  const names: string[] = [];
  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const values = Array.isArray(line.value) ? line.value.map((v) => (typeof v === 'string' ? v : v.val)) : [String(line.value)];
    for (const name of values) if (!/[*?!]/.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** ssh_config(5) TOKENS for the keys we read: ~, %d, %u, %h, %r, %p, %n, %%. */
function expand(text: string, tokens: Record<string, string>): string {
  return text.replace(/^~(?=\/|$)/, tokens.d ?? '').replace(/%([%dhnpru])/g, (_, t: string) => (t === '%' ? '%' : (tokens[t] ?? '')));
}

/**
 * Resolves a target as `ssh -G` would for our keys. Values in the target itself (user@, :port)
 * win over the config; the first value found for a key wins, as in ssh.
 */
export function resolveHost(config: SSHConfig, target: string, depth = 0): ResolvedHost {
  if (depth > MAX_HOPS) throw new ApiError('invalid-input', `ProxyJump for ${target} goes through more than ${MAX_HOPS} hops (a loop in ~/.ssh/config?).`);
  const parts = parseTarget(target);
  // Match exec would run commands from the config file while importing; ssh runs them, we do not.
  const computed = config.compute(parts.host, { ignoreCase: true, matchExec: false }) as Record<string, string | string[] | undefined>;
  const home = homedir();
  const localUser = userInfo().username;
  const hostName = expand(first(computed.hostname) ?? parts.host, { h: parts.host, '%': '%' });
  const port = parts.port ?? Number(first(computed.port) ?? 22);
  const user = parts.user ?? first(computed.user) ?? localUser;
  const tokens = { d: home, u: localUser, h: hostName, r: user, p: String(port), n: parts.host };
  const identityFiles = all(computed.identityfile).map((file) => expand(file, tokens));
  const identitiesOnly = first(computed.identitiesonly)?.toLowerCase() === 'yes';
  const jumpSpec = first(computed.proxyjump);
  const jumps = !jumpSpec || jumpSpec.toLowerCase() === 'none'
    ? []
    : jumpSpec.split(',').flatMap((hop) => {
        const resolved = resolveHost(config, hop, depth + 1);
        return [...resolved.jumps, resolved.target];
      });
  return {
    target: { host: hostName, port, user, ...(identityFiles.length ? { identityFiles } : {}), ...(identitiesOnly ? { identitiesOnly } : {}) },
    jumps,
    ...(jumps.length ? { proxyJump: jumpSpec } : {}),
  };
}
