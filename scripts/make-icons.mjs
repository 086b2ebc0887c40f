#!/usr/bin/env node
// Renders assets/icon.svg (48 px and up) and assets/icon-small.svg (16-32 px, fewer details so
// the shelf still reads at that size) to PNGs with headless Chromium, then packs them into the
// Windows .ico and macOS .icns that electron-builder uses as they are.
// Usage: node scripts/make-icons.mjs   (needs Chromium: CHROMIUM_PATH or /usr/bin/chromium)
import './require-node.cjs'; // first: stops an unsupported Node with one sentence
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { packIco, packIcns } from './icon-containers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const SMALL_MAX = 32;

async function renderAll() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const big = await readFile(join(assets, 'icon.svg'), 'utf8');
    const small = await readFile(join(assets, 'icon-small.svg'), 'utf8');
    const pngs = new Map();
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const svg = (size <= SMALL_MAX ? small : big).replace(/<svg /, `<svg style="display:block" `)
        .replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

const pngs = await renderAll();
await mkdir(join(assets, 'icons'), { recursive: true });
for (const [size, png] of pngs) {
  // electron-builder's Linux targets read a folder of `<size>x<size>.png` files.
  await writeFile(join(assets, 'icons', `${size}x${size}.png`), png);
}
await writeFile(join(assets, 'icon.png'), pngs.get(1024));
const pick = (sizes) => sizes.map((size) => ({ size, png: pngs.get(size) }));
await writeFile(join(assets, 'icon.ico'), packIco(pick([16, 24, 32, 48, 64, 128, 256])));
await writeFile(join(assets, 'icon.icns'), packIcns(pngs));
console.log(`Wrote assets/icon.png, assets/icon.ico, assets/icon.icns and ${pngs.size} PNGs in assets/icons/.`);
