// Issue 12 view 17: the Files tab previews a version's files (text in monospace with JSON
// pretty-printed, a long file cut with a note, an image scaled to the pane, a binary file named
// as such) and the Overview shows the version's README.md as its model card, collapsed with
// "Show all". A hostile README runs no script, loads nothing remote and opens no link.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeFilesModel } from './harness/files-fixtures.ts';

const shelf = useHarness();
const SLOW = 300_000;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A local HTTP server that counts every request: a README's remote image or link must cost it nothing. */
async function countingServer(): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe('the Files tab preview and the model card', () => {
  it('shows the model card first on the Overview, then previews text, JSON, a long file, an image and a binary file', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    const tag = await writeFilesModel(home, src, 'sentiment_distilbert');
    await writeFile(path.join(src, 'secret.txt'), 'outside the store');
    await symlink(path.join(src, 'secret.txt'), path.join(home, 'models', ...tag.split(':'), 'leak.txt'));
    const { page, errors } = await shelf.open({ home, viewport: { width: 1280, height: 800 } });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();

    // The model card is the first section of the Overview, rendered (headings, lists, code, a table), front matter left out.
    const card = page.getByRole('region', { name: 'Model card' });
    await card.getByRole('heading', { name: 'DistilBERT sentiment' }).waitFor();
    const overview = page.locator('.overview');
    expect(await overview.evaluate((el) => el.firstElementChild?.getAttribute('aria-label'))).toBe('Model card');
    expect(await card.getByRole('listitem').allTextContents()).toEqual(['Classify short English product and film reviews.', 'Not for medical, legal or financial decisions.']);
    expect(await card.locator('pre code').textContent()).toContain('bentoml.transformers.load_model("sentiment_distilbert:latest")');
    expect(await card.getByRole('table').getByRole('cell').allTextContents()).toEqual(['test', '0.931', '0.929']);
    expect(await card.textContent()).not.toContain('license: apache-2.0');
    // A link is its text, opening nothing; its address is the tooltip.
    const link = card.locator('.md-link', { hasText: 'training notes' });
    expect(await link.getAttribute('title')).toBe('https://example.com/notes');
    expect(await card.locator('a').count()).toBe(0);
    // Collapsed to a sensible height; "Show all" unfolds it and says so.
    const body = card.locator('.model-card-body');
    const collapsed = await body.evaluate((el) => el.getBoundingClientRect().height);
    expect(collapsed).toBeLessThanOrEqual(241);
    expect(await card.getByText('Citation').isVisible()).toBe(true); // in the DOM, clipped
    const showAll = card.getByRole('button', { name: 'Show all' });
    expect(await showAll.getAttribute('aria-expanded')).toBe('false');
    await showAll.click();
    const less = card.getByRole('button', { name: 'Show less' });
    expect(await less.getAttribute('aria-expanded')).toBe('true');
    expect(await body.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.getBoundingClientRect().height > 300)).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);

    // Files tab: nothing chosen yet, then config.json by click: pretty-printed JSON in monospace.
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.getByText('Choose a file to preview it.').waitFor();
    await page.locator('[data-path="config.json"]').click();
    const preview = page.getByRole('region', { name: 'Preview of config.json' });
    const text = preview.getByLabel('Contents of config.json');
    await text.waitFor();
    expect(await text.textContent()).toBe(JSON.stringify(JSON.parse((await import('./harness/files-fixtures.ts')).CONFIG), null, 2));
    expect(await text.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    expect(await preview.getByText('JSON, shown pretty-printed.').count()).toBe(1);
    expect(await page.locator('[data-path="config.json"]').getAttribute('aria-pressed')).toBe('true');

    // By keyboard: focus README.md's row and press Enter; the text is shown as written (not rendered).
    await page.locator('[data-path="README.md"]').focus();
    await page.keyboard.press('Enter');
    const readme = page.getByRole('region', { name: 'Preview of README.md' }).getByLabel('Contents of README.md');
    await readme.waitFor();
    expect(await readme.textContent()).toMatch(/^---\nlicense: apache-2.0\n/);
    // The preview itself is in the tab order, so it scrolls by keyboard.
    expect(await readme.getAttribute('tabindex')).toBe('0');

    // A long tokenizer file: its first 256 KiB, and a note saying how much of how much.
    await page.locator('[data-path="tokenizer.json"]').press(' ');
    const tokenizer = page.getByRole('region', { name: 'Preview of tokenizer.json' });
    await tokenizer.getByRole('note').waitFor();
    expect(await tokenizer.getByRole('note').textContent()).toMatch(/^Showing the first 256\.00 KiB of \d+\.\d\d KiB\.$/);
    expect((await tokenizer.getByLabel('Contents of tokenizer.json').textContent())?.length).toBe(256 * 1024);

    // The PNG, decoded and scaled to the pane (a data: URL: nothing is fetched).
    await page.locator('[data-path="logo.png"]').click();
    const img = page.getByRole('region', { name: 'Preview of logo.png' }).getByRole('img', { name: 'logo.png' });
    await img.waitFor();
    const shown = await img.evaluate((el: HTMLImageElement) => ({ natural: el.naturalWidth, width: el.getBoundingClientRect().width, src: el.src.slice(0, 22) }));
    expect(shown).toMatchObject({ natural: 320, src: 'data:image/png;base64,' });
    expect(shown.width).toBeGreaterThan(100);
    expect(shown.width).toBeLessThanOrEqual(320);

    // The weight file: a sentence, no bytes shown.
    await page.locator('[data-path="weights.bin"]').click();
    await page.getByRole('region', { name: 'Preview of weights.bin' }).getByText('Binary file, 3.00 MiB: no preview.').waitFor();
    expect(await layoutProblems(page)).toEqual([]);

    // A link in the version that leads out of it: listed, but refused in one sentence.
    await page.locator('[data-path="leak.txt"]').click();
    const refused = page.getByRole('region', { name: 'Preview of leak.txt' }).getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/^No preview\.'leak\.txt' leads outside the version folder \(to .*secret\.txt\), so it is not previewed\.$/);
    expect(errors).toEqual([]);
  });

  it('works at 900 x 600: the tree above the preview, nothing leaves the window', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    await writeFilesModel(home, await shelf.dir(), 'sentiment_distilbert');
    const { page } = await shelf.open({ home, viewport: { width: 900, height: 600 }, colorScheme: 'dark' });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
    await page.getByRole('region', { name: 'Model card' }).getByRole('heading', { name: 'DistilBERT sentiment' }).waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.locator('[data-path="logo.png"]').click();
    await page.getByRole('img', { name: 'logo.png' }).waitFor();
    const boxes = await page.evaluate(() => {
      const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      return { panel: r('.tab-panel'), preview: r('.file-preview'), img: r('.preview-image') };
    });
    expect(boxes.img.right).toBeLessThanOrEqual(boxes.panel.right + 1);
    expect(boxes.img.bottom).toBeLessThanOrEqual(boxes.panel.bottom + 1);
    expect(await layoutProblems(page)).toEqual([]);
  });

  it('a hostile README runs no script, loads nothing remote and opens no javascript: link', { timeout: SLOW }, async () => {
    const remote = await countingServer();
    const hostile = [
      '# Totally normal model',
      '<script>window.__pwned = "script"</script>',
      `<img src="${remote.url}/raw-img.png" onerror="window.__pwned = 'onerror'">`,
      `![tracking pixel](${remote.url}/md-img.png)`,
      '[click me](javascript:window.__pwned="link")',
      `<a href="javascript:window.__pwned='raw-link'">raw link</a>`,
      `<iframe src="${remote.url}/frame"></iframe>`,
      `<style>body { background: url(${remote.url}/css.png) }</style>`,
      `[remote](${remote.url}/page) and <${remote.url}/autolink>`,
      'Plain text after.',
    ].join('\n\n');
    const home = await shelf.home();
    await writeFilesModel(home, await shelf.dir(), 'hostile_model', hostile);
    const { page, errors } = await shelf.open({ home, viewport: { width: 1280, height: 800 } });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'hostile_model', exact: true }).click();
    const card = page.getByRole('region', { name: 'Model card' });
    await card.getByText('Plain text after.').waitFor();
    expect(await card.locator('script, img, iframe, style, a, object, embed').count()).toBe(0);
    expect(await card.locator('[onerror], [href], [src]').count()).toBe(0);
    expect(await card.locator('.md-image').textContent()).toBe('[image: tracking pixel]');
    // Every link is inert text; clicking them changes nothing.
    if ((await card.getByRole('button', { name: 'Show all' }).count()) > 0) await card.getByRole('button', { name: 'Show all' }).click();
    for (const text of ['click me', 'remote']) await card.locator('.md-link', { hasText: text }).click();
    await page.waitForTimeout(300); // give a (wrongly) rendered image or script the chance to act
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(page.url()).not.toContain('javascript');
    expect(remote.hits).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    // The Files tab shows the same README as text, the markup inert.
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.locator('[data-path="README.md"]').click();
    const text = page.getByLabel('Contents of README.md');
    await text.waitFor();
    expect(await text.textContent()).toContain('<script>window.__pwned = "script"</script>');
    expect(await page.locator('.file-preview script, .file-preview img').count()).toBe(0);
    expect(remote.hits).toEqual([]);
  });
});
