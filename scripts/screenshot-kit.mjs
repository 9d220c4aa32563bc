// The shared steps of the screenshots (scripts/screenshot.mjs): fresh pages, writing a shot, signing
// bob in inside the page and sending as him, and finding the way around the demo page. The sequences of
// shots (screenshot-chat.mjs, screenshot-media.mjs, screenshot-actions.mjs) take the kit this makes.
import path from 'node:path';
import { mediaSettled } from './screenshot-media.mjs';

export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };
const TIMEOUT = 20_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The kit for one run: `browser` (playwright), the demo's `base` URL and `config`, where shots go.
 * `written` lists the files written, `problems` what the pages reported (both printed at the end). */
export function screenshotKit({ browser, base, config, outDir }) {
  const written = [];
  const problems = [];
  const jid = (name) => `${name}@${config.domain}`;
  const password = (name) => config.accounts.find((a) => a.username === name)?.password;

  /** A page in a fresh context (empty storage). Page errors and console errors are reported at the end. */
  async function freshPage(viewport, { scale = 1, colorScheme = 'light' } = {}) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()} on ${page.url()}: ${msg.text()}`);
    });
    return page;
  }

  /** `hover`: the mouse stays where it is (a shot of what hovering shows). */
  async function shot(page, name, { hover = false, ...options } = {}) {
    if (!hover) await page.mouse.move(1, 1); // no hover effects in the picture
    await sleep(400); // let layout, virtualizer measurement and transitions settle
    const file = path.join(outDir, name);
    await page.screenshot({ path: file, ...options });
    written.push(file);
    console.log(file);
  }

  async function launcherConnected(page) {
    await page.waitForFunction(() => document.querySelector('chat-launcher')?.binding?.connectionState === 'connected');
  }

  /** Both panes of two-people.html are signed in. */
  async function panesConnected(page) {
    await page.waitForFunction(() => {
      const lists = [...document.querySelectorAll('chat-list')];
      return lists.length === 2 && lists.every((l) => l.binding?.connectionState === 'connected');
    });
  }

  /** Signs bob in with a second SDK instance inside the page (own storage prefix) and keeps it as window.__bob. */
  async function bobInPage(page) {
    const result = await page.evaluate(async ({ service, domain, pass, prefix }) => {
      // window.ChatWidget comes from the script-tag build; if it is missing, load the headless core from source
      // (the dev server compiles it; the ESM build would define the elements a second time).
      const api = window.ChatWidget?.createSDK ? window.ChatWidget : await import('/src/index.ts');
      const sdk = api.createSDK();
      const init = await sdk.initializeSDK({ service, domain, storagePrefix: prefix });
      if (init.statusCode !== 200) return init;
      const res = await sdk.connect('bob', pass);
      window.__bob = sdk;
      return res;
    }, { service: config.service, domain: config.domain, pass: password('bob'), prefix: `shot-bob-${Date.now()}` });
    if (result.statusCode !== 200) throw new Error(`bob could not sign in: ${result.statusCode} ${result.message}`);
  }

  async function bobSays(page, text) {
    const result = await page.evaluate(({ to, text }) => window.__bob.sendTextMessage({ toJid: to, messageText: text }), { to: jid('alice'), text });
    if (result.statusCode !== 200) throw new Error(`bob could not send: ${result.statusCode} ${result.message}`);
    await sleep(250);
    return result.data.msgId;
  }

  /** Bob corrects a message the way other clients do (XEP-0308), over his raw connection. */
  async function bobCorrects(page, msgId, text) {
    await page.evaluate(({ to, msgId, text }) => {
      const doc = new window.DOMParser().parseFromString('<message xmlns="jabber:client" type="chat"><body/><replace xmlns="urn:xmpp:message-correct:0"/></message>', 'text/xml');
      const m = doc.documentElement;
      m.setAttribute('to', to);
      m.setAttribute('id', `fix-${Date.now()}`);
      m.getElementsByTagName('body')[0].textContent = text;
      m.getElementsByTagName('replace')[0].setAttribute('id', msgId);
      window.__bob.core.conn.send(m);
    }, { to: jid('alice'), msgId, text });
    await sleep(250);
  }

  /** Types into a thread's composer and sends with Enter, then waits for the bubble. */
  async function typeAndSend(thread, text) {
    await thread.locator('textarea').fill(text);
    await thread.locator('textarea').press('Enter');
    await lastBubble(thread, text);
  }

  /** Waits until the newest bubble shown in a thread reads `text` (the archive keeps earlier runs' copies). */
  async function lastBubble(thread, text) {
    await thread.locator('.bubble').last().filter({ hasText: text }).waitFor();
  }

  /** Reads whatever an earlier, interrupted run left unread, through the UI, so the badge counts only this run. */
  async function catchUp(page) {
    const unread = () => page.evaluate(() => document.querySelector('chat-launcher')?.binding?.totalUnread ?? 0);
    await sleep(1000); // the store fills from the server's archive shortly after connecting
    if ((await unread()) === 0) return;
    await page.locator('chat-launcher .button').click();
    const rows = page.locator('chat-launcher chat-list button[part="row"]').filter({ has: page.locator('.unread') });
    for (let attempt = 0; attempt < 5 && (await rows.count()) > 0; attempt++) {
      await rows.first().click();
      await page.locator('chat-launcher chat-thread .bubble').last().waitFor();
      await sleep(600);
      // Scroll to the end the way a reader would, in case the thread opened short of its latest message.
      await page.locator('chat-launcher chat-thread lit-virtualizer').evaluate((v) => { v.scrollTop = v.scrollHeight; });
      await sleep(800);
      await page.locator('chat-launcher chat-thread .back').click();
      await page.locator('chat-launcher chat-list').waitFor();
      await sleep(300);
    }
    const left = await unread();
    if (left) problems.push(`catch-up: ${left} message(s) from an earlier run still count as unread; the badge in 01-closed.png includes them`);
    await page.locator('chat-launcher .button').click();
    await page.locator('chat-launcher .panel').waitFor({ state: 'detached' });
  }

  async function openThread(page, name) {
    await page.locator('chat-launcher chat-list button[part="row"]', { hasText: name }).first().click();
    await page.locator('chat-launcher chat-thread textarea').waitFor();
  }

  async function openMediaThread(page, theme = '') {
    await page.goto(`${base}/demo/index.html${theme}`);
    await launcherConnected(page);
    await page.locator('chat-launcher .button').click();
    await openThread(page, 'bob');
    await page.locator('chat-launcher chat-thread .row.out a.media-open').last().waitFor();
    await mediaSettled(page);
  }

  return { base, config, jid, password, written, problems, WIDE, NARROW, sleep, freshPage, shot, launcherConnected, panesConnected, bobInPage, bobSays, bobCorrects, typeAndSend, lastBubble, catchUp, openThread, openMediaThread };
}
