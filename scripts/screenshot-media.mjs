// Steps of the media screenshots (scripts/screenshot.mjs) in the demo page: bob's files through his SDK,
// waits on the real states of pictures, players and dialogs, the composer's picker, the lightbox and the
// gallery. Every wait is on the DOM (no fixed sleeps but the short pause while scrolling up).

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
