/** Debian's Chromium through playwright-core, for the docs' browser tests and the runtime matrix (scripts/runtimes). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), never a browser that playwright downloads. */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium calls Google's hosts at start-up, which this machine's closed
// network refuses (and which would break the tests' loopback-only rule).
const chromiumArguments = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, throw-away profile; `close()` also deletes the profile. */
export async function launchChromium(options: {
  viewport: { width: number; height: number };
}): Promise<LaunchedChromium> {
  const userDataFolder = await mkdtemp(join(tmpdir(), 'textgen-chromium-'));
  const context = await chromium.launchPersistentContext(userDataFolder, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArguments,
    viewport: options.viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataFolder, { recursive: true, force: true });
    },
  };
}
