// The desktop shell in the app's language (issue 14): the native menu, the close question and
// the file dialogs in English or Traditional Chinese, the menu built again when the language is
// changed in Preferences, and 'system' following Electron's app.getLocale(). The whole main
// process runs against the in-process fake of `electron`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nativeFileDialogs } from '../../../electron/shell/dialogs.ts';
import { nativeJournalDialog } from '../../../electron/shell/journal-dialog.ts';
import { shellLanguage } from '../../../electron/shell/language.ts';
import { menuTemplate } from '../../../electron/shell/menu.ts';
import type { ExposedApi } from '../../../shared/api/wire.ts';
import { translator } from '../../../shared/i18n/index.ts';
import { recorded } from '../fakes/electron.ts';

vi.mock('electron', () => import('../fakes/electron.ts'));

type Item = MenuItemConstructorOptions;

const HAN = /\p{Script=Han}/u;
const RECENT = '/home/ana/lab.vwtopo';

function build(locale: 'en' | 'zh-TW', isMac: boolean): Item[] {
  return menuTemplate({ send: () => undefined, recentFiles: [RECENT], isMac, withDevTools: true, t: translator(locale), appName: 'VirtWire' });
}

/** Every item of the menu, submenus included, with the menu it is in. */
function items(menu: Item[]): Item[] {
  return menu.flatMap((item) => [item, ...items(Array.isArray(item.submenu) ? item.submenu : [])]);
}

/** The menu's shape without its words: what each item does and its keys. */
function shape(menu: Item[]): unknown[] {
  return menu.map(({ role, type, accelerator, enabled, submenu }) => ({ role, type, accelerator, enabled, submenu: Array.isArray(submenu) ? shape(submenu) : undefined }));
}

/** The words of a label: without the access key (&F, (&F)), the app's name and a recent file's path. */
const words = (label: string): string => label.replace(/\(&.\)|&/g, '').replace('VirtWire', '').replace(/^lab\.vwtopo — .*$/, '');

describe('the native menu', () => {
  for (const isMac of [false, true]) {
    it(`names every item in Chinese when built in zh-TW (${isMac ? 'macOS' : 'Linux and Windows'}), none left in English`, () => {
      const all = items(build('zh-TW', isMac)).filter((item) => item.type !== 'separator');
      const englishLeft = all.filter((item) => item.label === undefined || /[A-Za-z]{2}/.test(words(item.label)));
      expect(englishLeft.map((item) => item.label ?? `role ${item.role}`)).toEqual([]);
      for (const item of all) if (words(item.label!) !== '') expect(item.label, String(item.role)).toMatch(HAN);
    });

    it(`keeps every command, role and accelerator in either language (${isMac ? 'macOS' : 'Linux and Windows'})`, () => {
      expect(shape(build('zh-TW', isMac))).toEqual(shape(build('en', isMac)));
    });
  }

  it('has its English labels in English', () => {
    const menu = build('en', false);
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window']);
    const labels = (menu[0]!.submenu as Item[]).map((i) => i.label);
    expect(labels).toEqual(['Open…', 'Open Recent', 'Open Demo', undefined, 'Save', 'Save As…', undefined, 'Export…', undefined, 'Preferences…', undefined, 'Quit']);
    expect((menu[1]!.submenu as Item[]).map((i) => i.label)).toEqual(['Undo', 'Redo', undefined, 'Cut', 'Copy', 'Paste', 'Select All']);
    expect((menu[2]!.submenu as Item[]).map((i) => i.label)).toEqual([
      'Logical / Wiring View',
      'Fit to Window',
      'Find…',
      undefined,
      'Toggle Light / Dark Theme',
      'Toggle Full Screen',
      'Toggle Developer Tools',
    ]);
    expect((build('en', true)[0]!.submenu as Item[]).map((i) => i.label).filter(Boolean)).toEqual([
      'About VirtWire',
      'Settings…',
      'Services',
      'Hide VirtWire',
      'Hide Others',
      'Show All',
      'Quit VirtWire',
    ]);
  });

  it('uses the words of the page’s own File menu for the same commands', () => {
    const t = translator('zh-TW');
    const file = (build('zh-TW', false)[0]!.submenu as Item[]).map((i) => i.label);
    expect(file).toEqual(expect.arrayContaining([t('fileMenu.open'), t('fileMenu.openDemo'), t('fileMenu.save'), t('fileMenu.saveAs'), t('fileMenu.export'), t('fileMenu.preferences')]));
    expect(build('zh-TW', false).map((m) => m.label)).toEqual(['檔案(&F)', '編輯(&E)', '檢視(&V)', '視窗(&W)']);
  });
});

describe('the language the shell speaks', () => {
  it("follows the choice in Preferences, and for 'system' Electron's locale: any Chinese in Traditional Chinese, else English", () => {
    let system = 'zh-TW';
    const language = shellLanguage(() => system);
    expect(language.locale).toBe('zh-TW');
    system = 'zh-HK';
    expect(language.choose('system')).toBe(false);
    expect(language.locale).toBe('zh-TW');
    system = 'fr';
    expect(language.choose('system')).toBe(true);
    expect(language.locale).toBe('en');
    expect(language.choose('zh-TW')).toBe(true);
    expect(language.t('desktop.close.save')).toBe('儲存');
    expect(language.choose('en')).toBe(true);
    expect(language.t('desktop.close.save')).toBe('Save');
  });
});

describe('the native file dialogs', () => {
  function recordingDialog() {
    const shown: { title?: string; filters?: { name: string; extensions: string[] }[] }[] = [];
    const dialog = {
      showOpenDialog: async (options: (typeof shown)[number]) => (shown.push(options), { canceled: true, filePaths: [] }),
      showSaveDialog: async (options: (typeof shown)[number]) => (shown.push(options), { canceled: true }),
    };
    return { shown, dialog: dialog as never };
  }

  it('are titled and name their file types in Traditional Chinese, an export format by its catalogue name', async () => {
    const { shown, dialog } = recordingDialog();
    const files = nativeFileDialogs(dialog, () => null, translator('zh-TW'));
    await files.chooseFileToOpen();
    await files.chooseFileToSave('lab.vwtopo');
    await files.chooseFileToSave('lab-logical.svg', { name: 'SVG image', extensions: ['svg'] });
    await nativeJournalDialog(dialog, () => null, translator('zh-TW'))('journal.sh');
    expect(shown).toEqual([
      {
        title: '開啟拓撲',
        properties: ['openFile'],
        filters: [
          { name: 'VirtWire 拓撲檔案', extensions: ['vwtopo', 'json'] },
          { name: '所有檔案', extensions: ['*'] },
        ],
      },
      {
        title: '儲存拓撲',
        defaultPath: 'lab.vwtopo',
        filters: [
          { name: 'VirtWire 拓撲檔案', extensions: ['vwtopo'] },
          { name: '所有檔案', extensions: ['*'] },
        ],
      },
      {
        title: '匯出',
        defaultPath: 'lab-logical.svg',
        filters: [
          { name: translator('zh-TW')('export.svg'), extensions: ['svg'] },
          { name: '所有檔案', extensions: ['*'] },
        ],
      },
      {
        title: '匯出指令紀錄',
        defaultPath: 'journal.sh',
        filters: [
          { name: 'shell 指令稿', extensions: ['sh'] },
          { name: '所有檔案', extensions: ['*'] },
        ],
      },
    ]);
  });

  it('keep their English words in English', async () => {
    const { shown, dialog } = recordingDialog();
    const files = nativeFileDialogs(dialog, () => null, translator('en'));
    await files.chooseFileToOpen();
    await files.chooseFileToSave('lab-logical.svg', { name: 'SVG image', extensions: ['svg'] });
    expect(shown.map((o) => [o.title, o.filters?.map((f) => f.name)])).toEqual([
      ['Open topology', ['VirtWire topology', 'All files']],
      ['Export', ['SVG image', 'All files']],
    ]);
  });
});

describe('the Electron main process in the app’s language', () => {
  let dir: string;
  let api: ExposedApi;
  const topLabels = (): unknown[] => (recorded.menuTemplate as Item[]).map((m) => m.label);
  const setLanguage = async (language: 'system' | 'en' | 'zh-TW'): Promise<void> => {
    await expect(api.prefs.set({ changes: { language } })).resolves.toMatchObject({ ok: true, value: { language } });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'virtwire-shell-language-'));
    vi.stubEnv('VIRTWIRE_CONFIG_DIR', join(dir, 'config'));
    // a Hong Kong system, with no language chosen in Preferences yet
    recorded.locale = 'zh-HK';
    await import('../../../electron/shell/main.ts');
    await vi.waitFor(() => expect(recorded.windows[0]?.webContents.mainFrame.url).toMatch(/^virtwire:/));
    await import('../../../electron/shell/preload.ts');
    api = recorded.exposed.get('virtwire') as ExposedApi;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  it("starts with the system's language: a Chinese system gets the Chinese menu", () => {
    expect(topLabels()).toEqual(['檔案(&F)', '編輯(&E)', '檢視(&V)', '視窗(&W)']);
  });

  it('asks the close question in Traditional Chinese', async () => {
    recorded.messageBoxResponse = 2;
    await expect(api.app.askToSaveBeforeClose({ name: 'lab.vwtopo' })).resolves.toEqual({ ok: true, value: { choice: 'cancel' } });
    const { options } = recorded.messageBoxes.at(-1)! as { options: { title?: string; message?: string; detail?: string; buttons?: string[] } };
    expect(options).toMatchObject({
      title: '未儲存的變更',
      message: '關閉前要儲存對「lab.vwtopo」所做的變更嗎？',
      detail: '如果不儲存就關閉，對拓撲所做的變更將會遺失。',
      buttons: ['儲存', '不要儲存', '取消'],
    });
  });

  it('builds the menu again when the language is changed in Preferences, and asks in the new language', async () => {
    await setLanguage('en');
    await vi.waitFor(() => expect(topLabels()).toEqual(['&File', '&Edit', '&View', '&Window']));
    recorded.messageBoxResponse = 2;
    await api.app.askToSaveBeforeClose({ name: 'lab.vwtopo' });
    expect(recorded.messageBoxes.at(-1)!.options).toMatchObject({ message: 'Save the changes to lab.vwtopo before closing?', buttons: ['Save', "Don't Save", 'Cancel'] });
    await setLanguage('zh-TW');
    await vi.waitFor(() => expect(topLabels()).toEqual(['檔案(&F)', '編輯(&E)', '檢視(&V)', '視窗(&W)']));
  });

  it("follows Electron's locale again when 'system' is chosen: French is English, Taiwan Chinese is Chinese", async () => {
    recorded.locale = 'fr';
    await setLanguage('system');
    await vi.waitFor(() => expect(topLabels()).toEqual(['&File', '&Edit', '&View', '&Window']));
    await setLanguage('en');
    recorded.locale = 'zh-TW';
    await setLanguage('system');
    await vi.waitFor(() => expect(topLabels()).toEqual(['檔案(&F)', '編輯(&E)', '檢視(&V)', '視窗(&W)']));
  });

  it('keeps the language when a file call builds the menu again for Open Recent', async () => {
    await expect(api.files.openDemo({})).resolves.toMatchObject({ ok: true });
    const file = (recorded.menuTemplate as Item[])[0]!.submenu as Item[];
    expect(file[1]).toMatchObject({ label: '最近開啟的檔案', submenu: [{ label: '沒有最近開啟的檔案', enabled: false }] });
  });
});
