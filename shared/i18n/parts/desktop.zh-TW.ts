// 繁體中文: the desktop part of the catalogue, the same keys and arguments as desktop.en.ts.
// Menu names carry their access key after the name, as Windows and Linux do in Chinese: 檔案(&F).
import type { desktopEn } from './desktop.en.ts';

export const desktopZhTW: Record<keyof typeof desktopEn, string> = {
  'desktop.untitled': '未命名',

  'desktop.menu.file': '檔案(&F)',
  'desktop.menu.openRecent': '最近開啟的檔案',
  'desktop.menu.quit': '結束',
  'desktop.menu.edit': '編輯(&E)',
  'desktop.menu.cut': '剪下',
  'desktop.menu.copy': '複製',
  'desktop.menu.paste': '貼上',
  'desktop.menu.selectAll': '全選',
  'desktop.menu.view': '檢視(&V)',
  'desktop.menu.toggleView': '邏輯檢視／接線檢視',
  'desktop.menu.fit': '符合視窗大小',
  'desktop.menu.find': '搜尋…',
  'desktop.menu.toggleTheme': '切換淺色／深色主題',
  'desktop.menu.fullScreen': '切換全螢幕',
  'desktop.menu.devTools': '切換開發人員工具',
  'desktop.menu.window': '視窗(&W)',
  'desktop.menu.minimize': '最小化',
  'desktop.menu.zoom': '縮放',
  'desktop.menu.closeWindow': '關閉視窗',
  'desktop.menu.front': '全部移至最前面',
  'desktop.menu.about': '關於 {app}',
  'desktop.menu.settings': '設定…',
  'desktop.menu.services': '服務',
  'desktop.menu.hide': '隱藏 {app}',
  'desktop.menu.hideOthers': '隱藏其他',
  'desktop.menu.showAll': '全部顯示',
  'desktop.menu.quitApp': '結束 {app}',

  'desktop.close.title': '未儲存的變更',
  'desktop.close.question': '關閉前要儲存對「{name}」所做的變更嗎？',
  'desktop.close.detail': '如果不儲存就關閉，對拓撲所做的變更將會遺失。',
  'desktop.close.save': '儲存',
  'desktop.close.discard': '不要儲存',

  'desktop.dialog.openTopology': '開啟拓撲',
  'desktop.dialog.saveTopology': '儲存拓撲',
  'desktop.dialog.topologyFiles': 'VirtWire 拓撲檔案',
  'desktop.dialog.allFiles': '所有檔案',
  'desktop.dialog.exportJournal': '匯出指令紀錄',
  'desktop.dialog.shellScript': 'shell 指令稿',
};
