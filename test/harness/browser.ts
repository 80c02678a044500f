/**
 * Browser-test plumbing: Debian's Chromium driven by playwright-core (no browser download), the web UI
 * built once per run into a temporary folder, and screenshots kept under test-results/screenshots.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const SCREENSHOTS = resolve('test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.RRCU_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

let built: Promise<string> | undefined;

/** Builds the web UI (Vite) into a fresh folder, so the test never serves a stale web/dist. */
export function buildWebUi(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'rrcu-web-'));
    await build({ configFile: resolve('web/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** After each failed test of the file, a screenshot of each page open (`<prefix>-<i>-<the test's name>`): what the browser showed. */
export function screenshotsOnFailure(prefix: string, pages: () => readonly (Page | undefined)[]): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.slice(0, 40).replace(/\W+/g, '-');
    for (const [i, p] of pages().entries()) if (p) await screenshot(p, `${prefix}-${i}-${name}`).catch(() => {});
  });
}
