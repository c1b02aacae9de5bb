// File operations on the open document, through the API: native dialogs in the desktop app,
// upload and download in browser mode. A failed open leaves the document as it was.
import type { AppInfo, OpenedTopology } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { type ExportFormat, exportFileName, exportText, FORMAT_INFO, isTextFormat, type PictureFormat } from '../../shared/export/index.ts';
import type { ViewKind } from '../../shared/topology/views.ts';
import { getApi } from '../transport/index.ts';
import { DocumentState } from './document.svelte.ts';
import { takeFirstAnswers } from './first-answers.ts';
import { t } from './i18n.svelte.ts';

/** Hands a file to the browser's downloads. */
function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saved topologies are .vwtopo files (JSON inside); a file opened as .json is saved under the new extension. */
export function downloadName(name: string): string {
  const base = name.replace(/\.(json|vwtopo)$/i, '') || 'topology';
  return `${base}.vwtopo`;
}

export class Workspace {
  readonly doc = new DocumentState();
  info = $state.raw<AppInfo | null>(null);
  error = $state.raw<ApiErrorData | null>(null);
  recent = $state.raw<string[]>([]);
  busy = $state(false);

  readonly browserMode = $derived(this.info?.mode !== 'electron');

  async start(): Promise<void> {
    await this.run(async () => {
      const [info, opened] = await takeFirstAnswers();
      this.info = info;
      this.doc.load(opened);
    });
    await this.refreshRecent();
  }

  /** Desktop: the native Open dialog. Browser mode opens through `openUpload` instead. */
  open(): Promise<void> {
    return this.opening(() => getApi().files.open({}));
  }

  openPath(path: string): Promise<void> {
    return this.opening(() => getApi().files.open({ path }));
  }

  async openUpload(file: File): Promise<void> {
    const text = await file.text();
    await this.opening(() => getApi().files.openText({ name: file.name, text }));
  }

  openDemo(): Promise<void> {
    return this.opening(() => getApi().files.openDemo({}));
  }

  async save(): Promise<void> {
    const { path } = this.doc;
    if (this.browserMode) return this.download();
    if (path === null) return this.saveAs();
    await this.run(async () => {
      const saved = await getApi().files.save({ path, topology: this.doc.topology });
      this.doc.markSaved(saved.path);
    });
    await this.refreshRecent();
  }

  async saveAs(): Promise<void> {
    if (this.browserMode) return this.download();
    await this.run(async () => {
      const saved = await getApi().files.saveAs({ topology: this.doc.topology, suggestedName: downloadName(this.doc.name) });
      if (saved) this.doc.markSaved(saved.path);
    });
    await this.refreshRecent();
  }

  /**
   * Exports the open topology as it is drawn in `view`: DOT, Mermaid and draw.io from the
   * model, SVG and PNG from `picture` (the graph's own drawing). Desktop: a native Save dialog;
   * browser mode: a download.
   */
  async exportAs(format: ExportFormat, view: ViewKind, picture: (format: PictureFormat) => string): Promise<void> {
    await this.run(async () => {
      const name = exportFileName(this.doc.name, format, view);
      const content = isTextFormat(format) ? exportText(this.doc.topology, format, view) : picture(format);
      const encoding = format === 'png' ? 'base64' : 'utf8';
      if (!this.browserMode) {
        await getApi().files.exportAs({ format, suggestedName: name, content, encoding });
        return;
      }
      download(name, encoding === 'base64' ? base64Bytes(content) : content, FORMAT_INFO[format].mime);
    });
  }

  /**
   * Desktop: the window is closing. With unsaved changes (and the preference on) the native
   * Save / Don't Save / Cancel question comes first; a save that is cancelled or fails keeps
   * the window open.
   */
  async answerClose(confirmFirst: boolean): Promise<void> {
    const api = getApi();
    try {
      if (this.doc.dirty && confirmFirst) {
        const { choice } = await api.app.askToSaveBeforeClose({ name: this.doc.name });
        if (choice === 'cancel') return;
        if (choice === 'save') {
          await this.save();
          if (this.doc.dirty) return;
        }
      }
      await api.app.closeWindow({});
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    }
  }

  dismissError(): void {
    this.error = null;
  }

  private async download(): Promise<void> {
    await this.run(async () => {
      const { text } = await getApi().files.serialize({ topology: this.doc.topology });
      download(downloadName(this.doc.name), text, 'application/x-virtwire-topology');
      this.doc.markSaved(null);
    });
  }

  /** Asks before unsaved changes would be thrown away; true means go ahead. */
  private confirmDiscard(): boolean {
    return !this.doc.dirty || confirm(t('app.discardUnsaved', { name: this.doc.name }));
  }

  private async opening(load: () => Promise<OpenedTopology | null>): Promise<void> {
    if (!this.confirmDiscard()) return;
    await this.run(async () => {
      const opened = await load();
      if (opened) this.doc.load(opened);
    });
    await this.refreshRecent();
  }

  private async refreshRecent(): Promise<void> {
    try {
      this.recent = (await getApi().files.recent({})).files;
    } catch {
      // the recent list is a convenience; its absence is not worth an error banner
    }
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    } finally {
      this.busy = false;
    }
  }
}
