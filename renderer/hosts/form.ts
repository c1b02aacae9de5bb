// The add/edit host form: its fields as typed, the checks made before anything is sent, and
// the profile the fields become.
import type { HostProfile } from '../../shared/api/index.ts';
import type { NewHostProfile } from '../../shared/api/hosts.ts';
import { t } from '../state/i18n.svelte.ts';

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

/** Why an SSH target (`user@host:port`, `host`, `[v6]:port` or a ~/.ssh/config alias) is not usable, in the current language, or null. */
export function targetProblem(target: string): string | null {
  if (target === '') return t('hostForm.targetEmpty');
  if (/\s/.test(target) || CONTROL.test(target)) return t('hostForm.targetSpaces');
  if (target.startsWith('-')) return t('hostForm.targetDash');
  const at = target.lastIndexOf('@');
  if (at === 0) return t('hostForm.targetAt');
  const hostPort = target.slice(at + 1);
  const match = /^\[([^\]]+)\](?::(.*))?$/.exec(hostPort) ?? /^([^:]*)(?::([^:]*))?$/.exec(hostPort);
  if (!match) return t('hostForm.targetIpv6');
  if (match[1] === '') return t('hostForm.targetNoHost');
  const port = match[2];
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return t('hostForm.targetPort');
  }
  return null;
}

export function validateForm(form: HostForm): FormErrors {
  const errors: FormErrors = {};
  const label = form.label.trim();
  if (label.length > 200 || CONTROL.test(label)) errors.label = t('hostForm.labelTooLong');
  const target = targetProblem(form.target.trim());
  if (target) errors.target = target;
  const uri = form.uri.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(uri) || CONTROL.test(uri)) {
    errors.uri = t('hostForm.uriInvalid');
  }
  if (lines(form.identityFiles).some((l) => CONTROL.test(l))) errors.identityFiles = t('hostForm.identityLines');
  const hops = form.proxyJump.trim();
  if (hops !== '') {
    const bad = hops.split(',').map((h) => targetProblem(h.trim())).find((p) => p !== null);
    if (bad) errors.proxyJump = t('hostForm.jumpHosts', { problem: bad });
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
