// Keyboard shortcuts: which key runs which command, and how tooltips and help name them.
import type { MenuCommand } from '../shared/api/index.ts';
import type { MessageKey } from '../shared/i18n/index.ts';
import { t } from './state/i18n.svelte.ts';

export type AppCommand =
  | MenuCommand
  | 'clearSelection'
  | 'help'
  | 'refreshHost'
  | 'journal'
  | 'showHosts'
  | 'undo'
  | 'redo'
  | 'deleteSelection'
  | 'contextMenu'
  | 'compare'
  | 'focus'
  | 'minimap';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Shortcut {
  command: AppCommand;
  /** the keys that run it, each alone; more than one are alternatives */
  keys: readonly string[];
  /** what it does, from the catalogue */
  description: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'open', keys: ['Ctrl+O'], description: 'shortcuts.open' },
  { command: 'save', keys: ['Ctrl+S'], description: 'shortcuts.save' },
  { command: 'saveAs', keys: ['Ctrl+Shift+S'], description: 'shortcuts.saveAs' },
  { command: 'export', keys: ['Ctrl+E'], description: 'shortcuts.export' },
  { command: 'find', keys: ['Ctrl+F', '/'], description: 'shortcuts.find' },
  { command: 'refreshHost', keys: ['Ctrl+R'], description: 'shortcuts.refreshHost' },
  { command: 'showHosts', keys: ['H'], description: 'shortcuts.showHosts' },
  { command: 'compare', keys: ['D'], description: 'shortcuts.compare' },
  { command: 'journal', keys: ['Ctrl+J'], description: 'shortcuts.journal' },
  { command: 'undo', keys: ['Ctrl+Z'], description: 'shortcuts.undo' },
  { command: 'redo', keys: ['Ctrl+Shift+Z'], description: 'shortcuts.redo' },
  { command: 'deleteSelection', keys: ['Delete'], description: 'shortcuts.deleteSelection' },
  { command: 'contextMenu', keys: ['Shift+F10'], description: 'shortcuts.contextMenu' },
  { command: 'fit', keys: ['F'], description: 'shortcuts.fit' },
  { command: 'focus', keys: ['I'], description: 'shortcuts.focus' },
  { command: 'minimap', keys: ['M'], description: 'shortcuts.minimap' },
  { command: 'toggleView', keys: ['V'], description: 'shortcuts.toggleView' },
  { command: 'clearSelection', keys: ['Esc'], description: 'shortcuts.clearSelection' },
  { command: 'preferences', keys: ['Ctrl+,'], description: 'shortcuts.preferences' },
  { command: 'help', keys: ['?'], description: 'shortcuts.help' },
];

/** Shortcuts the desktop app's native menu owns as accelerators; the page leaves them to it there. */
export const NATIVE_MENU_COMMANDS: readonly AppCommand[] = ['open', 'save', 'saveAs', 'export', 'find', 'undo', 'redo', 'preferences'];

/** The keys of a shortcut as help shows them: "Ctrl+F or /". */
export function shortcutKeys(command: AppCommand): string {
  const keys = SHORTCUTS.find((s) => s.command === command)?.keys ?? [];
  return keys.reduce((text, key) => (text ? t('shortcuts.either', { first: text, second: key }) : key), '');
}

/** `label (keys)` for a button's tooltip, in the current language. */
export function withKeys(label: string, keys: string): string {
  return keys ? t('shortcuts.withKeys', { label, keys }) : label;
}

/** `label (keys)` for a button's tooltip, with the keys of `command`. */
export function withShortcut(label: string, command: AppCommand): string {
  return withKeys(label, shortcutKeys(command));
}

/**
 * The command a key press runs, or null. Single-letter shortcuts are off while the user
 * types in a text field, so typing "v" in the filter does not switch the view.
 */
export function commandForKey(e: KeyLike, typing: boolean): AppCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (typing && (key === 'z' || key === 'y')) return null;
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    if (key === 'o' && !e.shiftKey) return 'open';
    if (key === 's') return e.shiftKey ? 'saveAs' : 'save';
    if (key === 'e' && !e.shiftKey) return 'export';
    if (key === 'f' && !e.shiftKey) return 'find';
    if (key === 'r' && !e.shiftKey) return 'refreshHost';
    if (key === 'j' && !e.shiftKey) return 'journal';
    if (e.key === ',' && !e.shiftKey) return 'preferences';
    return null;
  }
  if (e.key === 'Escape') return 'clearSelection';
  if (typing || e.altKey) return null;
  if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) return 'contextMenu';
  if (e.key === 'Delete' || e.key === 'Backspace') return 'deleteSelection';
  if (key === 'f') return 'fit';
  if (key === 'i') return 'focus';
  if (key === 'm') return 'minimap';
  if (e.key === '/') return 'find';
  if (key === 'v') return 'toggleView';
  if (key === 'h') return 'showHosts';
  if (key === 'd') return 'compare';
  if (e.key === '?') return 'help';
  return null;
}
