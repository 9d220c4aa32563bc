// Steps of the media screenshots (scripts/screenshot.mjs) in the demo page: bob's files through his SDK,
// waits on the real states of pictures, players and dialogs, the composer's picker, the lightbox and the
// gallery. Every wait is on the DOM (no fixed sleeps but the short pause while scrolling up). The
// sequence of media shots (12-28) is mediaShots at the end.
import { makePageFiles, pdfBytes, wavBytes } from './screenshot-files.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Bob sends a file through his SDK (`method`: sendImageMessage, sendAudioMessage, ...). */
export async function bobSendsFile(page, to, method, file, caption) {
  const result = await page.evaluate(async ({ method, to, file, caption }) => {
    const bytes = Uint8Array.from(window.atob(file.base64), (c) => c.charCodeAt(0));
    const blob = new window.File([bytes], file.name, { type: file.type });
    const res = await window.__bob[method]({ toJid: to, fileMessageParams: { file: blob, ...(caption ? { caption } : {}) } });
    return { statusCode: res.statusCode, message: res.message };
  }, { method, to, file, caption });
  if (result.statusCode !== 200) throw new Error(`bob could not send ${file.name}: ${result.statusCode} ${result.message}`);
}

/** Waits until every picture in view has loaded (in a scroller: in its visible part; lazy ones outside
 * it never load) and every audio and video knows its metadata. */
export async function mediaSettled(page) {
  await page.waitForFunction(() => {
    const all = (root, sel, out = []) => {
      out.push(...root.querySelectorAll(sel));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) all(el.shadowRoot, sel, out);
      return out;
    };
    const meets = (a, b) => a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;
    const screen = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
    const scrollers = all(document, 'lit-virtualizer');
    const inView = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && meets(r, screen) && scrollers.every((v) => !v.contains(el) || meets(r, v.getBoundingClientRect()));
    };
    return all(document, 'img').filter(inView).every((i) => i.complete && i.naturalWidth > 0)
      && all(document, 'video, audio').every((m) => m.readyState >= 1 || m.error);
  });
}

/** Puts a file in the thread's composer through the attach button's picker, as a person picking it. */
export async function attachFile(thread, file) {
  await thread.locator('input.picker').setInputFiles({ name: file.name, mimeType: file.type, buffer: Buffer.from(file.base64, 'base64') });
  await thread.locator('.attach-preview').waitFor();
}

/** Scrolls the thread until bob's newest `what` (a selector inside his bubbles) is in the middle of it. */
export async function scrollToBobs(page, what) {
  const thread = page.locator('chat-launcher chat-thread');
  const target = thread.locator(`.row.in ${what}`).last();
  for (let i = 0; i < 12 && (await target.count()) === 0; i++) {
    await thread.locator('lit-virtualizer').evaluate((v) => { v.scrollTop -= 300; });
    await sleep(100);
  }
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await mediaSettled(page);
}
export const PHOTO = 'a.media-open';
export const VIDEO = 'video';

/** Opens bob's newest picture in the lightbox and waits for it to show. */
export async function openLightbox(page) {
  await page.locator('chat-launcher chat-thread .row.in a.media-open').last().click();
  await page.locator('chat-launcher chat-thread dialog.lightbox img').waitFor();
  await page.waitForFunction(() => {
    const thread = document.querySelector('chat-launcher')?.shadowRoot?.querySelector('chat-thread');
    const img = thread?.shadowRoot?.querySelector('dialog.lightbox img');
    return img?.complete && img.naturalWidth > 0;
  });
}

/** Opens the media gallery from the thread's header, loads one more page when it offers one. */
export async function openGallery(page) {
  const dialog = page.locator('chat-launcher chat-thread dialog.gallery');
  await page.locator('chat-launcher chat-thread header button.gallery').click();
  await dialog.locator('li').first().waitFor();
  // The first page's items and its foot (Load more, or nothing) are added in one go.
  if (await dialog.locator('.g-more').isVisible()) {
    const before = await dialog.locator('li').count();
    await dialog.locator('.g-more').click();
    await page.waitForFunction((n) => {
      const thread = document.querySelector('chat-launcher')?.shadowRoot?.querySelector('chat-thread');
      const d = thread?.shadowRoot?.querySelector('dialog.gallery');
      return (d?.querySelectorAll('li').length ?? 0) > n && !d.querySelector('.g-more')?.disabled;
    }, before);
  }
  await mediaSettled(page);
}

/** The media screenshots (shots 12-28), with the kit of screenshot-kit.mjs. */
export async function mediaShots(k) {
  const { freshPage, shot, launcherConnected, bobInPage, lastBubble, openThread, openMediaThread, base, jid, WIDE, NARROW, problems } = k;
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
}
