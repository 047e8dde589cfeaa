// The Temporal UI as a sync log, checked in a real browser: a real sync of examples/demo, then
// headless Chromium (Debian's, dev/browser-deps.sh) opens the finished sync's page in the dev
// server's UI and finds every hook there, by name, with the phase it ran in and its outcome.
// Payloads are encrypted (README, Security): the page shows them only through the codec server,
// with the browser holding its token; without it, the hooks' names appear nowhere on the page.
// The browser only talks to 127.0.0.1: DNS resolves nothing else, and any other request is
// aborted and recorded. HOOKSYNC_UPDATE_SCREENSHOT=1 refreshes docs/temporal-ui-demo-sync.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { planFromFiles } from '../../../client/planFromFiles';
import { followSync, newSyncId, startSync } from '../../../client/syncClient';
import { EVENTUALLY_TIMEOUT_MS } from '../../support/eventually';
import { repoRoot, runDir } from '../../support/paths';
import { readTestEnv } from '../../support/testEnv';
import { startCodecServer, type CodecServerProcess } from '../../support/codecServerProcess';
import { useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const CHROMIUM = process.env.HOOKSYNC_CHROMIUM ?? '/usr/bin/chromium';
/** Networking off, but for the loopback the UI is served on. */
const OFFLINE_FLAGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  '--disable-background-networking', '--disable-component-update', '--disable-domain-reliability',
  '--disable-sync', '--no-first-run', '--no-default-browser-check',
];

let browser: Browser;
let codec: CodecServerProcess;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: OFFLINE_FLAGS });
  codec = await startCodecServer();
});
afterAll(async () => {
  await browser?.close();
  await codec?.stop();
});

/**
 * A page whose requests stay on 127.0.0.1 (others are aborted and recorded in `offHost`). With
 * `codecEndpoint`, the UI's settings name it and "include cross-origin credentials", as
 * `--ui-codec-endpoint` and the user's toggle in the UI's codec settings do; this test cannot
 * restart the shared dev server, which was started before the codec existed.
 */
async function openPage(offHost: string[], codecEndpoint?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // Every wait on the page is for something to appear; on a loaded machine the UI takes far longer
  // than Playwright's 30 s to load and render, so its deadline is the one for a hung wait.
  context.setDefaultTimeout(EVENTUALLY_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(EVENTUALLY_TIMEOUT_MS);
  const page = await context.newPage();
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') {
      offHost.push(route.request().url());
      return route.abort();
    }
    if (!url.pathname.endsWith('/api/v1/settings')) return route.continue();
    const response = await route.fetch();
    const settings = await response.json() as { Codec?: Record<string, unknown> };
    settings.Codec = { ...settings.Codec, Endpoint: codecEndpoint ?? '', IncludeCredentials: codecEndpoint !== undefined };
    return route.fulfill({ response, json: settings });
  });
  return page;
}

test('a finished sync in the Temporal UI: every hook by name, with its phase and outcome', async () => {
  const ns = await kit.namespace('ui-demo');
  const syncId = newSyncId();
  const { plan, problems } = await planFromFiles([join(repoRoot, 'examples', 'demo')], { syncId, attempt: 0, defaultNamespace: ns });
  expect(problems).toEqual([]);
  const handle = await startSync(kit.h.client, { syncId, app: `ui-demo-${ns}`, cluster: kit.h.clusterName, plan });
  const report = await followSync(handle, () => undefined);
  expect(report.phase).toBe('Succeeded');
  const hooks = report.resources.filter((r) => r.hookType);
  expect(hooks.map((h) => h.hookType)).toEqual(['PreSync', 'PostSync']);

  const offHost: string[] = [];
  const ui = readTestEnv().temporalUiUrl;
  const historyUrl = `${ui}/namespaces/${kit.h.client.options.namespace}/workflows/${encodeURIComponent(handle.workflowId)}/${report.runId}/history`;

  // Without the codec server the page shows ciphertext: no hook name anywhere.
  const locked = await openPage(offHost);
  await locked.goto(historyUrl);
  await locked.getByText('Completed', { exact: true }).first().waitFor();
  // The input is on the page, as the envelope: `encoding` is base64 of binary/encrypted.
  await locked.getByText(Buffer.from('binary/encrypted').toString('base64')).first().waitFor();
  const lockedBody = await locked.innerText('body');
  for (const hook of hooks) expect(lockedBody).not.toContain(hook.name);
  await locked.context().close();

  // With it: the browser first proves it holds the token (the codec server's session cookie).
  const page = await openPage(offHost, codec.url);
  expect((await page.goto(`${codec.url}/session?token=${encodeURIComponent(codec.token)}`))?.status()).toBe(200);
  await page.goto(historyUrl);
  await page.getByText('Completed', { exact: true }).first().waitFor();

  for (const hook of hooks) {
    // The timeline's activity summary names the hook and its phase; the result row its outcome.
    await page.getByText(`apply ${hook.syncPhase} wave ${hook.wave}: Job/${hook.name}`, { exact: true }).waitFor();
  }
  const body = await page.innerText('body');
  for (const hook of hooks) {
    expect(body).toContain(`"hookType": "${hook.hookType}"`);
    expect(body).toContain(`"name": "${hook.name}"`);
  }
  expect(body).toContain('"hookPhase": "Succeeded"');
  expect(body).toContain('"phase": "Succeeded"');

  const shots = join(runDir(), 'test');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'temporal-ui-demo-sync.png') });
  if (process.env.HOOKSYNC_UPDATE_SCREENSHOT) await page.screenshot({ path: join(repoRoot, 'docs', 'temporal-ui-demo-sync.png') });
  expect(offHost).toEqual([]);
});
