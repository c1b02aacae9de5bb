// The application itself: what it is running as and what it starts with.
import { z } from 'zod';
import type { OpenedTopology } from './files.ts';

export interface AppInfo {
  name: string;
  version: string;
  /** electron: native dialogs and menus; browser: upload/download, in-page menus */
  mode: 'electron' | 'browser';
  platform: string;
}

export interface AppApi {
  getInfo(arg: Record<string, never>): Promise<AppInfo>;
  /** What the window opens on: the file given on the command line, else the demo. */
  getInitialTopology(arg: Record<string, never>): Promise<OpenedTopology>;
  /**
   * Desktop: after `app.onDidRequestClose`, asks with the native dialog whether to save the
   * unsaved changes to `name` first. Browser mode has no such dialog (the page's beforeunload asks).
   */
  askToSaveBeforeClose(arg: { name: string }): Promise<{ choice: CloseChoice }>;
  /** Desktop: closes the window after `app.onDidRequestClose` (nothing unsaved, or the user chose). */
  closeWindow(arg: Record<string, never>): Promise<void>;
}

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** Commands the native menu sends to the renderer (the renderer offers the same ones itself). */
export const MENU_COMMANDS = [
  'open',
  'save',
  'saveAs',
  'export',
  'openDemo',
  'toggleTheme',
  'toggleView',
  'fit',
  'find',
  'undo',
  'redo',
  'preferences',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

const empty = z.object({}).strict();

export const appSchemas = {
  getInfo: empty,
  getInitialTopology: empty,
  askToSaveBeforeClose: z.object({ name: z.string().max(1024) }).strict(),
  closeWindow: empty,
};
