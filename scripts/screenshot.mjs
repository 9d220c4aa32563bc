// Screenshots of the demo pages, for looking at the widget the way a visitor sees it.
//
//   npm start                                   (in another terminal)
//   node scripts/screenshot.mjs [outDir]        default outDir: .data/screenshots
//
// CHAT_DEMO_URL is the demo server's base URL (default http://127.0.0.2:8080, what `npm start` serves).
// Every state gets a new browser context, so local storage and IndexedDB start empty on every run; the
// server's message archive persists, so the threads show the newest messages of this run at the bottom.
//
// Shots:
//   01-closed.png                    the shop page, chat closed, unread badge after bob wrote to alice
//   02-open-list.png                 the launcher open on the recent chats
//   03-thread.png                    alice's thread with bob, messages both ways, a corrected one, bob typing
//   04-narrow-list.png               390x844, the panel open (full screen) on the list
//   05-narrow-thread.png             390x844, the thread
//   06-dark-list.png                 ?theme=dark, the list
//   07-dark-thread.png               ?theme=dark, the thread
//   08-two-people.png                two-people.html after a short exchange typed into both panes
//   09-two-people-narrow-alice.png   390x844, panes stacked: alice's on top
//   10-two-people-narrow-bob.png     390x844, scrolled down to bob's pane
//   11-guest.png                     ?guest: a new guest account's empty list
//   12-media-composer-preview.png    bob sent a photo with a caption, a 2 s WAV, an MP4 and a PDF (through his SDK);
//                                    alice has a picture attached (the attach button's picker) and a caption typed
//   13-media-thread.png              the thread after alice sent it: her outgoing picture under bob's files
//   14-media-thread-top.png          the same thread scrolled up to bob's photo and its caption, the audio below
//   15-media-lightbox.png            bob's photo open in the lightbox
//   16-media-gallery.png             the media gallery (header button), its first page and one "Load more"
//   17-media-uploading.png           a picture of alice's on its way on a throttled link: the ring and cancel
//   18-media-cancelled.png           that upload cancelled: the failed bubble with its Retry button
//   19-dark-media-thread.png         ?theme=dark, the media thread
//   20-dark-media-thread-top.png     ?theme=dark, scrolled up to bob's photo
//   21-dark-media-thread-middle.png  ?theme=dark, scrolled to bob's video and PDF
//   22-dark-media-lightbox.png       ?theme=dark, the lightbox
//   23-dark-media-gallery.png        ?theme=dark, the gallery
//   24-dark-composer-document.png    ?theme=dark, a PDF attached in the composer with a caption typed
//   25-dark-media-list.png           ?theme=dark, the recent chats: the last message previewed as "Photo"
//   26-narrow-media-thread.png       390x844, the media thread
//   27-narrow-media-thread-top.png   390x844, scrolled up to bob's photo
//   28-narrow-media-thread-middle.png 390x844, scrolled to bob's video and PDF
import { mkdir } from 'node:fs/promises';
import { makePageFiles, pdfBytes, wavBytes } from './screenshot-files.mjs';
import { PHOTO, VIDEO, attachFile, bobSendsFile, mediaSettled, openGallery, openLightbox, scrollToBobs } from './screenshot-media.mjs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.env.CHAT_DEMO_URL || 'http://127.0.0.2:8080').replace(/\/+$/, '');
const outDir = path.resolve(process.argv[2] || '.data/screenshots');
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };
const TIMEOUT = 20_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function demoConfig() {
  let response;
  try {
    response = await fetch(`${base}/demo/config.json`);
  } catch (error) {
    throw new Error(`cannot reach ${base} (${error.cause?.code ?? error.message}): is \`npm start\` running? Set CHAT_DEMO_URL if it serves elsewhere.`);
  }
  if (!response.ok) throw new Error(`${base}/demo/config.json answered HTTP ${response.status}`);
  return response.json();
}

let config;
try {
  config = await demoConfig();
} catch (error) {
  console.error(`[screenshot] ${error.message}`);
  process.exit(1);
}
const jid = (name) => `${name}@${config.domain}`;
const password = (name) => config.accounts.find((a) => a.username === name)?.password;
if (!password('alice') || !password('bob')) throw new Error('the demo config lacks the alice and bob accounts');

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const written = [];
const problems = [];

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

async function shot(page, name, options = {}) {
  await page.mouse.move(1, 1); // no hover effects in the picture
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

try {
  // 1-3: the shop page, bob writes first, alice opens the chat and answers.
  {
    const page = await freshPage(WIDE);
    await page.goto(`${base}/demo/index.html`);
    await launcherConnected(page);
    await catchUp(page);
    await bobInPage(page);
    await bobSays(page, 'Hi Alice! Your bike is ready: new brake pads and the gears are indexed.');
    await bobSays(page, 'We are open until 18:00 today.');
    await page.locator('chat-launcher .badge').waitFor();
    await shot(page, '01-closed.png');

    await page.locator('chat-launcher .button').click();
    await page.locator('chat-launcher chat-list button[part="row"]', { hasText: 'bob' }).first().waitFor();
    await shot(page, '02-open-list.png');

    await openThread(page, 'bob');
    const thread = page.locator('chat-launcher chat-thread');
    await typeAndSend(thread, 'Great, thanks! How much do I owe you?');
    await bobSays(page, '€25 for the brake tune-up, parts included. Card or cash is fine.');
    await typeAndSend(thread, 'Perfect. I will come by around 17:30.');
    const last = await bobSays(page, 'See you then!');
    await bobCorrects(page, last, 'See you then! Use the side door.');
    await page.evaluate((to) => window.__bob.sendTypingStatus(to), jid('alice'));
    await lastBubble(thread, 'Use the side door.');
    await shot(page, '03-thread.png');
    await page.context().close();
  }

  // 4-5: a phone: the panel fills the screen.
  {
    const page = await freshPage(NARROW, { scale: 2 });
    await page.goto(`${base}/demo/index.html`);
    await launcherConnected(page);
    await page.locator('chat-launcher .button').click();
    await page.locator('chat-launcher chat-list button[part="row"]', { hasText: 'bob' }).first().waitFor();
    await shot(page, '04-narrow-list.png');
    await openThread(page, 'bob');
    await page.locator('chat-launcher chat-thread .bubble').last().waitFor();
    await shot(page, '05-narrow-thread.png');
    await page.context().close();
  }

  // 6-7: forced dark theme (the browser itself asks for light, so only ?theme=dark makes it dark).
  {
    const page = await freshPage(WIDE);
    await page.goto(`${base}/demo/index.html?theme=dark`);
    await launcherConnected(page);
    await page.locator('chat-launcher .button').click();
    await page.locator('chat-launcher chat-list button[part="row"]', { hasText: 'bob' }).first().waitFor();
    await shot(page, '06-dark-list.png');
    await openThread(page, 'bob');
    await page.locator('chat-launcher chat-thread .bubble').last().waitFor();
    await shot(page, '07-dark-thread.png');
    await page.context().close();
  }

  // 8: two people; each pane types into its own composer.
  {
    const page = await freshPage(WIDE);
    await page.goto(`${base}/demo/two-people.html?prefix=shot-${Date.now()}`);
    await panesConnected(page);
    const alice = page.locator('.pane[data-who="alice"] chat-thread');
    const bob = page.locator('.pane[data-who="bob"] chat-thread');
    await typeAndSend(bob, 'Alice, one more thing: your rear tyre is quite worn.');
    await lastBubble(alice, 'rear tyre is quite worn');
    await typeAndSend(alice, 'Oh! Can you swap it today?');
    await lastBubble(bob, 'swap it today');
    await typeAndSend(bob, 'Yes, we have one in stock. It adds €30.');
    await lastBubble(alice, 'adds €30');
    await shot(page, '08-two-people.png');
    await page.context().close();
  }

  // 9-10: two people on a phone: the panes stack; the second is below the fold until scrolled to.
  {
    const page = await freshPage(NARROW, { scale: 2 });
    await page.goto(`${base}/demo/two-people.html?prefix=shot-narrow-${Date.now()}`);
    await panesConnected(page);
    await lastBubble(page.locator('.pane[data-who="alice"] chat-thread'), 'adds €30');
    await shot(page, '09-two-people-narrow-alice.png');
    await page.locator('.pane[data-who="bob"]').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await lastBubble(page.locator('.pane[data-who="bob"] chat-thread'), 'adds €30');
    await shot(page, '10-two-people-narrow-bob.png');
    await page.context().close();
  }

  // 11: a visitor without an account: ?guest registers one.
  {
    const page = await freshPage(WIDE);
    await page.goto(`${base}/demo/index.html?guest`);
    await launcherConnected(page);
    await page.locator('chat-launcher .button').click();
    await page.locator('chat-launcher chat-list').waitFor();
    await shot(page, '11-guest.png');
    await page.context().close();
  }
  // 12-18: files both ways. Bob sends one of each kind through the SDK; alice attaches a picture with
  // the attach button, types a caption (12), sends it (13, 14); the lightbox (15) and the gallery (16);
  // then a throttled upload shows its ring (17) and is cancelled (18).
  {
    const page = await freshPage(WIDE);
    await page.goto(`${base}/demo/index.html`);
    await launcherConnected(page);
    await bobInPage(page);
    const files = await page.evaluate(makePageFiles, { noisy: true });
    const wav = { name: 'doorbell-chime.wav', type: 'audio/wav', base64: wavBytes(2).toString('base64') };
    const pdf = { name: 'Spoke-and-Chain-invoice-2026-114-brake-tune-up.pdf', type: 'application/pdf',
      base64: pdfBytes(['Spoke & Chain Cycle Works', 'Invoice 2026-114', 'Brake tune-up, parts included: EUR 25.00']).toString('base64') };
    await bobSendsFile(page, jid('alice'), 'sendImageMessage', files.photo, 'Here it is after the tune-up: new pads, cables and a wash.');
    await bobSendsFile(page, jid('alice'), 'sendAudioMessage', wav);
    if (files.video) await bobSendsFile(page, jid('alice'), 'sendVideoMessage', files.video, 'The rear wheel runs true again.');
    else problems.push('this Chromium cannot record MP4: no video message in the media shots');
    await bobSendsFile(page, jid('alice'), 'sendDocumentMessage', pdf, 'Your invoice.');
    await page.locator('chat-launcher .button').click();
    await openThread(page, 'bob');
    const thread = page.locator('chat-launcher chat-thread');
    await lastBubble(thread, pdf.name);
    await attachFile(thread, files.portrait);
    await thread.locator('textarea').fill('Could you also look at this saddle? It squeaks.');
    await mediaSettled(page);
    await shot(page, '12-media-composer-preview.png');

    await thread.locator('textarea').press('Enter');
    await thread.locator('.row').last().locator('a.media-open[href^="http"]').waitFor();
    await mediaSettled(page);
    await shot(page, '13-media-thread.png');
    await scrollToBobs(page, PHOTO);
    await shot(page, '14-media-thread-top.png');

    await openLightbox(page);
    await shot(page, '15-media-lightbox.png');
    await thread.locator('dialog.lightbox .lb-close').click();
    await thread.locator('dialog.lightbox').waitFor({ state: 'detached' });

    await openGallery(page);
    await shot(page, '16-media-gallery.png');
    await thread.locator('dialog.gallery .g-close').click();
    await thread.locator('dialog.gallery').waitFor({ state: 'detached' });

    // A slow uplink (DevTools network emulation): the upload takes seconds, the ring fills.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 48 * 1024 });
    await attachFile(thread, files.noisy);
    await thread.locator('textarea').press('Enter');
    await page.waitForFunction(() => {
      const root = document.querySelector('chat-launcher')?.shadowRoot?.querySelector('chat-thread')?.shadowRoot;
      return Number(root?.querySelector('.progress')?.getAttribute('aria-valuenow') ?? 0) >= 20;
    });
    await mediaSettled(page);
    await shot(page, '17-media-uploading.png');
    await thread.locator('.cancel-upload').last().click();
    await thread.locator('.row').last().locator('.retry').waitFor();
    await shot(page, '18-media-cancelled.png');
    await page.context().close();

    // 19-25: the same in dark; a document in the composer's preview; the recent chats.
    {
      const dark = await freshPage(WIDE);
      await openMediaThread(dark, '?theme=dark');
      await shot(dark, '19-dark-media-thread.png');
      await scrollToBobs(dark, PHOTO);
      await shot(dark, '20-dark-media-thread-top.png');
      if (files.video) {
        await scrollToBobs(dark, VIDEO);
        await shot(dark, '21-dark-media-thread-middle.png');
      }
      await scrollToBobs(dark, PHOTO);
      await openLightbox(dark);
      await shot(dark, '22-dark-media-lightbox.png');
      const darkThread = dark.locator('chat-launcher chat-thread');
      await darkThread.locator('dialog.lightbox .lb-close').click();
      await darkThread.locator('dialog.lightbox').waitFor({ state: 'detached' });
      await openGallery(dark);
      await shot(dark, '23-dark-media-gallery.png');
      await darkThread.locator('dialog.gallery .g-close').click();
      await darkThread.locator('dialog.gallery').waitFor({ state: 'detached' });
      await attachFile(darkThread, pdf);
      await darkThread.locator('textarea').fill('Paid, here is the transfer receipt.');
      await shot(dark, '24-dark-composer-document.png');
      await darkThread.locator('.attach-preview .remove').click();
      await darkThread.locator('.back').click();
      await dark.locator('chat-launcher chat-list button[part="row"]', { hasText: 'bob' }).first().waitFor();
      await shot(dark, '25-dark-media-list.png');
      await dark.context().close();
    }

    // 26-28: on a phone.
    {
      const narrow = await freshPage(NARROW, { scale: 2 });
      await openMediaThread(narrow);
      await shot(narrow, '26-narrow-media-thread.png');
      await scrollToBobs(narrow, PHOTO);
      await shot(narrow, '27-narrow-media-thread-top.png');
      if (files.video) {
        await scrollToBobs(narrow, VIDEO);
        await shot(narrow, '28-narrow-media-thread-middle.png');
      }
      await narrow.context().close();
    }
  }
} finally {
  await browser.close();
}

if (problems.length) {
  console.warn(`\n${problems.length} problem(s) reported by the pages:`);
  for (const p of [...new Set(problems)]) console.warn(`  ${p}`);
}
console.log(`\n${written.length} screenshots in ${outDir}`);
