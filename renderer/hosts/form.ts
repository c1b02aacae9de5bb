// The add/edit host form: its fields as typed, the checks made before anything is sent, and
// the profile the fields become.
import type { HostProfile } from '../../shared/api/index.ts';
import type { NewHostProfile } from '../../shared/api/hosts.ts';

export interface HostForm {
  label: string;
  target: string;
  uri: string;
  useSudo: boolean;
  knownHostsPolicy: 'ask' | 'accept-new';
  rememberSecrets: boolean;
  /** one key file per line */
  identityFiles: string;
  identitiesOnly: boolean;
  proxyJump: string;
}

export const DEFAULT_URI = 'qemu:///system';

export type FormErrors = Partial<Record<keyof HostForm, string>>;

export function formFromProfile(profile?: HostProfile): HostForm {
  return {
    label: profile?.label ?? '',
    target: profile?.target ?? '',
    uri: profile?.uri ?? DEFAULT_URI,
    useSudo: profile?.useSudo ?? false,
    knownHostsPolicy: profile?.knownHostsPolicy ?? 'ask',
    rememberSecrets: profile?.rememberSecrets ?? false,
    identityFiles: (profile?.identityFiles ?? []).join('\n'),
    identitiesOnly: profile?.identitiesOnly ?? false,
    proxyJump: profile?.proxyJump ?? '',
  };
}

const CONTROL = /[\x00-\x1f\x7f]/;

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Why an SSH target (`user@host:port`, `host`, `[v6]:port` or a ~/.ssh/config alias) is not usable, or null. */
export function targetProblem(target: string): string | null {
  if (target === '') return 'Enter user@host, host:port or an alias from ~/.ssh/config.';
  if (/\s/.test(target) || CONTROL.test(target)) return 'An SSH target cannot contain spaces.';
  if (target.startsWith('-')) return 'An SSH target cannot start with “-”.';
  const at = target.lastIndexOf('@');
  if (at === 0) return 'Put a user name before “@”, or leave “@” out.';
  const hostPort = target.slice(at + 1);
  const match = /^\[([^\]]+)\](?::(.*))?$/.exec(hostPort) ?? /^([^:]*)(?::([^:]*))?$/.exec(hostPort);
  if (!match) return 'Write an IPv6 address in brackets, e.g. [2001:db8::1]:22.';
  if (match[1] === '') return 'The host name is missing.';
  const port = match[2];
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return 'The port must be a number from 1 to 65535.';
  }
  return null;
}

export function validateForm(form: HostForm): FormErrors {
  const errors: FormErrors = {};
  const label = form.label.trim();
  if (label.length > 200 || CONTROL.test(label)) errors.label = 'The label must be one line of at most 200 characters.';
  const target = targetProblem(form.target.trim());
  if (target) errors.target = target;
  const uri = form.uri.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(uri) || CONTROL.test(uri)) {
    errors.uri = 'Enter a libvirt URI such as qemu:///system, qemu:///session or test:///default.';
  }
  if (lines(form.identityFiles).some((l) => CONTROL.test(l))) errors.identityFiles = 'One key file per line.';
  const hops = form.proxyJump.trim();
  if (hops !== '') {
    const bad = hops.split(',').map((h) => targetProblem(h.trim())).find((p) => p !== null);
    if (bad) errors.proxyJump = `Jump hosts are comma-separated SSH targets: ${bad}`;
  }
  return errors;
}

/** The profile the form describes; call only when validateForm found nothing. */
export function profileFromForm(form: HostForm): NewHostProfile {
  const target = form.target.trim();
  const identityFiles = lines(form.identityFiles);
  const proxyJump = form.proxyJump.trim().split(',').map((h) => h.trim()).filter(Boolean).join(',');
  return {
    label: form.label.trim() || target,
    target,
    uri: form.uri.trim(),
    useSudo: form.useSudo,
    knownHostsPolicy: form.knownHostsPolicy,
    rememberSecrets: form.rememberSecrets,
    ...(identityFiles.length > 0 ? { identityFiles } : {}),
    ...(form.identitiesOnly ? { identitiesOnly: true } : {}),
    ...(proxyJump ? { proxyJump } : {}),
  };
}
