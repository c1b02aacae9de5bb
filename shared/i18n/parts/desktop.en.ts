// English messages of the desktop part of the catalogue (see ../en.ts, which merges the parts).
// The desktop shell's own words: the native menu, the close question, the untitled document's name.
// The menu's File commands use the renderer's File menu words (fileMenu.* in app.en.ts); a menu's
// own name carries its access key (&File), which Linux and Windows underline.
export const desktopEn = {
  // A new document, before it is saved anywhere
  'desktop.untitled': 'Untitled',

  // The native menu
  'desktop.menu.file': '&File',
  'desktop.menu.openRecent': 'Open Recent',
  'desktop.menu.quit': 'Quit',
  'desktop.menu.edit': '&Edit',
  'desktop.menu.cut': 'Cut',
  'desktop.menu.copy': 'Copy',
  'desktop.menu.paste': 'Paste',
  'desktop.menu.selectAll': 'Select All',
  'desktop.menu.view': '&View',
  'desktop.menu.toggleView': 'Logical / Wiring View',
  'desktop.menu.fit': 'Fit to Window',
  'desktop.menu.find': 'Find…',
  'desktop.menu.toggleTheme': 'Toggle Light / Dark Theme',
  'desktop.menu.fullScreen': 'Toggle Full Screen',
  'desktop.menu.devTools': 'Toggle Developer Tools',
  'desktop.menu.window': '&Window',
  'desktop.menu.minimize': 'Minimize',
  'desktop.menu.zoom': 'Zoom',
  'desktop.menu.closeWindow': 'Close Window',
  'desktop.menu.front': 'Bring All to Front',
  // macOS keeps these in the application menu, named after the app
  'desktop.menu.about': 'About {app}',
  'desktop.menu.settings': 'Settings…',
  'desktop.menu.services': 'Services',
  'desktop.menu.hide': 'Hide {app}',
  'desktop.menu.hideOthers': 'Hide Others',
  'desktop.menu.showAll': 'Show All',
  'desktop.menu.quitApp': 'Quit {app}',

  // Closing a window with unsaved changes
  'desktop.close.title': 'Unsaved changes',
  'desktop.close.question': 'Save the changes to {name} before closing?',
  'desktop.close.detail': 'Your changes to the topology are lost if you close without saving.',
  'desktop.close.save': 'Save',
  'desktop.close.discard': "Don't Save",

  // Native file dialogs
  'desktop.dialog.openTopology': 'Open topology',
  'desktop.dialog.saveTopology': 'Save topology',
  'desktop.dialog.topologyFiles': 'VirtWire topology',
  'desktop.dialog.allFiles': 'All files',
  'desktop.dialog.exportJournal': 'Export journal',
  'desktop.dialog.shellScript': 'Shell script',
} as const satisfies Record<string, string>;
