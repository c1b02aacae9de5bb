// Connection settings of the lab host (test/lab/lab.sh), for tests that need it.
// Under CI=true a missing lab is an error; elsewhere lab tests are skipped with one clear line.
import { describe } from 'vitest';

export interface LabEnv {
  sshHost: string;
  sshPort: number;
  sshUser: string;
  /** private key file of the lab's client key pair */
  sshKey: string;
  knownHosts: string;
  libvirtUri: string;
  passwordUser: string;
  password: string;
  /** `labvirt`: in the lab's libvirt group (plain virsh works), no sudo rights; password login */
  libvirtUser: string;
  libvirtPassword: string;
}

const VARS = [
  'LAB_SSH_HOST',
  'LAB_SSH_PORT',
  'LAB_SSH_USER',
  'LAB_SSH_KEY',
  'LAB_KNOWN_HOSTS',
  'LAB_LIBVIRT_URI',
  'LAB_PASSWORD_USER',
  'LAB_PASSWORD',
  'LAB_LIBVIRT_USER',
  'LAB_LIBVIRT_PASSWORD',
] as const;

export const LAB_HINT =
  'lab tests need the lab host: run them with `test/lab/lab.sh run -- npx vitest run --config build/vitest.config.ts --project lab` (as root on Debian/Ubuntu)';

/** The lab's settings, or null when the lab is not running (throws under CI=true). */
export function labEnv(): LabEnv | null {
  const missing = VARS.filter((v) => !process.env[v]);
  if (missing.length > 0) {
    if (process.env.CI === 'true') {
      throw new Error(`The lab host is not running (missing ${missing.join(', ')}); ${LAB_HINT}`);
    }
    return null;
  }
  const e = process.env as Record<(typeof VARS)[number], string>;
  return {
    sshHost: e.LAB_SSH_HOST,
    sshPort: Number(e.LAB_SSH_PORT),
    sshUser: e.LAB_SSH_USER,
    sshKey: e.LAB_SSH_KEY,
    knownHosts: e.LAB_KNOWN_HOSTS,
    libvirtUri: e.LAB_LIBVIRT_URI,
    passwordUser: e.LAB_PASSWORD_USER,
    password: e.LAB_PASSWORD,
    libvirtUser: e.LAB_LIBVIRT_USER,
    libvirtPassword: e.LAB_LIBVIRT_PASSWORD,
  };
}

/**
 * `describe` for a suite that needs the lab: runs it with the lab's settings, skips it with
 * one clear line when the lab is not running, and fails loudly under CI=true.
 */
export function describeLab(name: string, body: (lab: LabEnv) => void): void {
  const lab = labEnv();
  if (lab === null) {
    console.warn(`[lab] skipped "${name}": ${LAB_HINT}`);
    describe.skip(`${name} (skipped: lab host not running)`, () => {});
    return;
  }
  describe(name, () => body(lab));
}
