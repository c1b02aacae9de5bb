// For lab end-to-end tests that go through the change dialog: wait for its stages, apply,
// close, undo, open the context menus, and run virsh / ip on the lab host to check results.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LabEnv } from '../lab/env.ts';
import { nodePagePosition } from './harness.ts';

export const MAC = /[0-9a-f]{2}(?::[0-9a-f]{2}){5}/gi;

export function hostTools(lab: LabEnv) {
  const run = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const virsh = (...args: string[]): string => run('virsh', '-c', lab.libvirtUri, ...args);
  return {
    run,
    virsh,
    /** the MACs of a VM's NICs, live or (with --inactive) in its definition */
    macs: (vm: string, ...flags: string[]): string[] => (virsh('domiflist', vm, ...flags).match(MAC) ?? []).map((m) => m.toLowerCase()),
    /** the source network or bridge of a VM's NIC, by MAC */
    sourceOf: (vm: string, mac: string, ...flags: string[]): string | undefined =>
      virsh('domiflist', vm, ...flags)
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .find((cols) => cols[4]?.toLowerCase() === mac)?.[2],
    /** `virsh net-info`'s fields, or null when the network does not exist */
    netInfo: (name: string): Record<string, string> | null => {
      try {
        return Object.fromEntries(virsh('net-info', name).split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
      } catch {
        return null;
      }
    },
    networks: (): string[] => virsh('net-list', '--all', '--name').split('\n').map((l) => l.trim()).filter(Boolean),
    linkExists: (name: string): boolean => {
      try {
        run('ip', 'link', 'show', name);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export function planDialog(page: Page) {
  const dialog = () => page.getByTestId('plan-dialog');
  const stage = async (): Promise<string | null> => ((await dialog().count()) ? dialog().locator('[data-stage]').getAttribute('data-stage') : null);
  const self = {
    dialog,
    stage,
    commands: async (): Promise<string> => (await dialog().getByTestId('plan-command').allTextContents()).join('\n'),
    waitFor: async (wanted: string, timeout = 20_000): Promise<void> => {
      await expect.poll(stage, { timeout }).toBe(wanted);
    },
    /** Applies the shown preview with Enter, confirming a destructive one; the report's status, or 'next-preview'. */
    apply: async (): Promise<string | null> => {
      const confirm = dialog().getByTestId('confirm-destructive');
      if ((await confirm.count()) > 0) await confirm.check();
      await page.keyboard.press('Enter');
      await expect.poll(stage, { timeout: 60_000 }).toBe('report');
      return dialog().getByTestId('plan-report').getAttribute('data-status');
    },
    close: async (): Promise<void> => {
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog().count()).toBe(0);
    },
    /** Ctrl+Z on the graph, then the undo's preview applied; returns the commands it showed. */
    undo: async (): Promise<string> => {
      await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+z');
      await self.waitFor('preview');
      const shown = await self.commands();
      expect(['applied', 'pending']).toContain(await self.apply());
      await self.close();
      return shown;
    },
  };
  return self;
}

/** Chooses an entry of the canvas menu (the host's Create… entries). */
export async function hostMenu(page: Page, entry: string): Promise<void> {
  await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+F10');
  await page.getByTestId('edit-menu').getByRole('menuitem', { name: entry }).click();
}

/** Right-clicks an object on the graph and chooses an entry of its menu. */
export async function nodeMenu(page: Page, nodeId: string, entry: string): Promise<void> {
  await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  await page.waitForTimeout(300);
  const at = await nodePagePosition(page, nodeId);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByTestId('edit-menu').getByRole('menuitem', { name: entry, exact: true }).click();
}

/** Fills the Create network form (isolated, with an IPv4 subnet and DHCP range) without submitting it. */
export async function fillNetworkForm(page: Page, f: { name: string; bridge?: string; ipv4: string; dhcp: [string, string] }): Promise<void> {
  await hostMenu(page, 'Create network…');
  const form = page.getByTestId('network-form');
  await form.getByLabel('Kind').selectOption('isolated');
  await form.getByRole('textbox', { name: /^Name/ }).fill(f.name);
  if (f.bridge) await form.getByRole('textbox', { name: /^Bridge name/ }).fill(f.bridge);
  await form.getByLabel('IPv4 subnet').fill(f.ipv4);
  await form.getByLabel('DHCP from').fill(f.dhcp[0]);
  await form.getByLabel('DHCP to').fill(f.dhcp[1]);
}
