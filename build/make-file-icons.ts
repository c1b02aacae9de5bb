// Makes the .vwtopo document icon in the sizes and formats electron-builder's file association
// wants, from build/file-icons/vwtopo.svg: PNG (512, 256) drawn by headless Chromium, and around the
// PNGs an .icns (macOS: ic09 512 px, ic08 256 px) and an .ico (Windows: one 256 px PNG entry).
// Run after changing the SVG:  npx tsx build/make-file-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = fileURLToPath(new URL('./', import.meta.url));

async function render(svg: string, size: number): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`)}</body></html>`);
    return await page.locator('svg').screenshot({ omitBackground: true });
  } finally {
    await browser.close();
  }
}

function icns(entries: [type: string, png: Buffer][]): Buffer {
  const chunks = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

function ico(png256: Buffer): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(0, 6); // width 256
  header.writeUInt8(0, 7); // height 256
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png256.length, 14);
  header.writeUInt32LE(22, 18); // where the PNG starts
  return Buffer.concat([header, png256]);
}

const svg = await readFile(`${dir}file-icons/vwtopo.svg`, 'utf8');
const png512 = await render(svg, 512);
const png256 = await render(svg, 256);
await writeFile(`${dir}file-icons/vwtopo-512.png`, png512);
await writeFile(`${dir}vwtopo.icns`, icns([['ic09', png512], ['ic08', png256]]));
await writeFile(`${dir}vwtopo.ico`, ico(png256));
process.stdout.write('wrote build/file-icons/vwtopo-512.png, build/vwtopo.icns, build/vwtopo.ico\n');
