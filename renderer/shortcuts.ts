// Keyboard shortcuts: which key runs which command, and how tooltips and help name them.
import type { MenuCommand } from '../shared/api/index.ts';

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
  keys: string;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'open', keys: 'Ctrl+O', description: 'Open a topology file' },
  { command: 'save', keys: 'Ctrl+S', description: 'Save' },
  { command: 'saveAs', keys: 'Ctrl+Shift+S', description: 'Save as a new file' },
  { command: 'export', keys: 'Ctrl+E', description: 'Export the picture (SVG, PNG, DOT, Mermaid, draw.io)' },
  { command: 'find', keys: 'Ctrl+F or /', description: 'Search: filter the outline and highlight the matches on the graph (Enter: next match)' },
  { command: 'refreshHost', keys: 'Ctrl+R', description: 'Re-read the selected host now' },
  { command: 'showHosts', keys: 'H', description: 'Show the hosts panel' },
  { command: 'compare', keys: 'D', description: 'Compare a connected host with a saved file (diff)' },
  { command: 'journal', keys: 'Ctrl+J', description: 'Show the commands run on hosts' },
  { command: 'undo', keys: 'Ctrl+Z', description: 'Undo the last change on the host in focus' },
  { command: 'redo', keys: 'Ctrl+Shift+Z', description: 'Redo the last undone change' },
  { command: 'deleteSelection', keys: 'Delete', description: 'Detach, delete or unplug the selection (with a preview)' },
  { command: 'contextMenu', keys: 'Shift+F10', description: 'Open the menu of the selection or the host' },
  { command: 'fit', keys: 'F', description: 'Fit the graph to the window' },
  { command: 'focus', keys: 'I', description: 'Focus mode: fade everything not wired to the selection' },
  { command: 'minimap', keys: 'M', description: 'Show or hide the minimap (drag its rectangle to move around)' },
  { command: 'toggleView', keys: 'V', description: 'Switch between logical and wiring view' },
  { command: 'clearSelection', keys: 'Esc', description: 'Clear the selection' },
  { command: 'preferences', keys: 'Ctrl+,', description: 'Preferences: theme, language, NIC model, host keys, closing' },
  { command: 'help', keys: '?', description: 'Show keyboard shortcuts' },
];

/** Shortcuts the desktop app's native menu owns as accelerators; the page leaves them to it there. */
export const NATIVE_MENU_COMMANDS: readonly AppCommand[] = ['open', 'save', 'saveAs', 'export', 'find', 'undo', 'redo', 'preferences'];

export function shortcutKeys(command: AppCommand): string {
  return SHORTCUTS.find((s) => s.command === command)?.keys ?? '';
}

/** `label (keys)` for a button's tooltip. */
export function withShortcut(label: string, command: AppCommand): string {
  const keys = shortcutKeys(command);
  return keys ? `${label} (${keys})` : label;
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
