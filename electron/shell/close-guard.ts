// Closing the window with unsaved changes asks first. The page owns the document, so the
// window's 'close' is held back and the page is asked (app.onDidRequestClose); it answers by
// asking the native Save / Don't Save / Cancel question (askToSave) and, unless cancelled,
// by closing the window (app.closeWindow). A page that does not answer at all (hung, crashed)
// cannot save anything, so after a while the window closes anyway rather than never.
import type { BrowserWindow, Dialog } from 'electron';
import type { CloseChoice } from '../../shared/api/index.ts';
import type { Translate } from '../../shared/i18n/index.ts';
import type { WindowControl } from '../services/app.ts';

/** How long a page that has not answered at all may hold the window open. */
export const UNANSWERED_CLOSE_MS = 5_000;

const CHOICES: readonly CloseChoice[] = ['save', 'discard', 'cancel'];

export interface CloseGuard extends WindowControl {
  /** Hooks the window's 'close'; `beforeClose` runs once the close goes ahead (the window state is saved then). */
  attach(window: BrowserWindow, beforeClose: () => void): void;
}

/** `t` speaks the app's language at the moment the question is asked. */
export function createCloseGuard(
  dialog: Pick<Dialog, 'showMessageBox'>,
  t: Translate,
  requestClose: (window: BrowserWindow) => void,
  unansweredMs = UNANSWERED_CLOSE_MS,
): CloseGuard {
  let window: BrowserWindow | null = null;
  let allowed = false;
  let waiting: ReturnType<typeof setTimeout> | null = null;

  const stopWaiting = (): void => {
    if (waiting) clearTimeout(waiting);
    waiting = null;
  };

  const close = (): void => {
    stopWaiting();
    if (!window || window.isDestroyed()) return;
    allowed = true;
    window.close();
  };

  return {
    attach(target, beforeClose) {
      window = target;
      allowed = false;
      target.on('close', (event) => {
        if (allowed || target.webContents.isCrashed()) {
          beforeClose();
          return;
        }
        event.preventDefault();
        if (waiting) return;
        waiting = setTimeout(close, unansweredMs);
        requestClose(target);
      });
      target.webContents.on('render-process-gone', () => (allowed = true));
    },

    async askToSaveBeforeClose(name) {
      stopWaiting();
      if (!window || window.isDestroyed()) return 'discard';
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        title: t('desktop.close.title'),
        message: t('desktop.close.question', { name }),
        detail: t('desktop.close.detail'),
        buttons: [t('desktop.close.save'), t('desktop.close.discard'), t('common.cancel')],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      return CHOICES[response] ?? 'cancel';
    },

    closeWindow: close,
  };
}
