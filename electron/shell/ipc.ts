// The IPC hub: one handler per API method, each refusing calls that do not come from the
// app's own page (a frame inside it, or a page it was somehow navigated to), then handing
// the call to the dispatcher.
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { API_METHODS, type ApiEventName, type ApiEvents } from '../../shared/api/index.ts';
import { IPC_EVENT_CHANNEL, ipcChannel, type CallResult, type EventMessage } from '../../shared/api/wire.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Dispatcher } from '../api/dispatch.ts';
import { isAppUrl } from './app-url.ts';

const REFUSED: CallResult = {
  ok: false,
  error: new ApiError('permission', 'This call did not come from the VirtWire window and was refused.').toJSON(),
};

/** True for the main frame of one of the app's windows, showing the app's own page. */
export function isAppFrame(frame: WebFrameMain | null, appContents: () => WebContents[]): boolean {
  if (frame === null || frame.parent !== null || !isAppUrl(frame.url)) return false;
  return appContents().some((contents) => contents.mainFrame.frameToken === frame.frameToken);
}

export function registerApiHandlers(ipcMain: IpcMain, dispatcher: Dispatcher, appContents: () => WebContents[]): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, arg: unknown) =>
      isAppFrame(event.senderFrame, appContents) ? dispatcher.call(method, arg) : REFUSED,
    );
  }
}

export function sendEvent<E extends ApiEventName>(contents: WebContents, event: E, payload: ApiEvents[E]): void {
  const message: EventMessage<E> = { type: 'event', event, payload };
  contents.send(IPC_EVENT_CHANNEL, message);
}
