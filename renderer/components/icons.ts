// Line-art icons for toolbar buttons, 24×24 paths.
export const UI_ICONS = {
  open: 'M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z',
  save: 'M5 3h11l3 3v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z M8 3v5h7V3 M7 14h10v7H7z',
  chevron: 'M6 9l6 6 6-6',
  fit: 'M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5',
  zoomIn: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M21 21l-5-5 M11 8v6 M8 11h6',
  zoomOut: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M21 21l-5-5 M8 11h6',
  sun: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M12 2v2 M12 20v2 M4.9 4.9l1.4 1.4 M17.7 17.7l1.4 1.4 M2 12h2 M20 12h2 M4.9 19.1l1.4-1.4 M17.7 6.3l1.4-1.4',
  moon: 'M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z',
  help: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01',
  close: 'M18 6L6 18 M6 6l12 12',
  alert: 'M12 2L1 21h22z M12 9v5 M12 17.5h.01',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M21 21l-5-5',
  plus: 'M12 5v14 M5 12h14',
  import: 'M12 3v12 M7 10l5 5 5-5 M4 19h16',
  journal: 'M5 4h14v16H5z M9 8h6 M9 12h6 M9 16h4',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7 M20 4v7h-7',
  edit: 'M4 20h4L19 9l-4-4L4 16z M13 7l4 4',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13',
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
  connect: 'M9 7V3 M15 7V3 M6 7h12v4a6 6 0 0 1-12 0z M12 17v4',
  disconnect: 'M6 7h12v4a6 6 0 0 1-12 0z M12 17v4 M3 3l18 18',
  host: 'M3 5h18v6H3z M3 13h18v6H3z M7 8h.01 M7 16h.01',
  logo: 'M5 5h4v4H5z M15 5h4v4h-4z M10 15h4v4h-4z M7 9v3h10V9 M12 12v3',
} as const;

export type UiIconName = keyof typeof UI_ICONS;
