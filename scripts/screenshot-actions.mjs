// The message-action screenshots (scripts/screenshot.mjs, shots 29-49): bob writes, replies to alice
// (XEP-0461), deletes a message for everyone (XEP-0424) and reacts (XEP-0444) through his SDK in the
// page; alice uses the message menu as a person would: reacts, stars, forwards through the dialog,
// answers and edits in the composer, opens the delete confirmation and the favourites view. The dark,
// narrow and Arabic (right-to-left) shots read the same thread from the server on fresh pages.

/** Runs the sequence with the kit of screenshot-kit.mjs. */
export async function actionShots(k) {
  const { freshPage, shot, launcherConnected, bobInPage, bobSays, typeAndSend, lastBubble, openThread, base, jid, WIDE, NARROW, sleep } = k;

  const bobCall = async (page, method, params) => {
    const result = await page.evaluate(async ({ method, params }) => {
      const res = await window.__bob[method](params);
      return { statusCode: res.statusCode, message: res.message, msgId: res.data?.msgId };
    }, { method, params });
    if (result.statusCode !== 200) throw new Error(`bob's ${method}: ${result.statusCode} ${result.message}`);
    await sleep(300);
    return result.msgId;
  };
  /** The id of alice's newest message to bob, from her widget's cache. */
  const aliceLastId = (page) => page.evaluate(async (peer) => {
    const messages = await document.querySelector('chat-launcher').binding.cachedMessages(peer, 20);
    return messages.filter((m) => m.outgoing).at(-1)?.msgId;
  }, jid('bob'));
  /** The newest row whose own text (not a reply preview of it) reads `text`. */
  const rowOf = (page, text) => page.locator('chat-launcher chat-thread .row')
    .filter({ has: page.locator('div.text', { hasText: text }) }).last();
  const openMenu = async (page, text) => {
    const row = rowOf(page, text);
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await row.locator('.bubble').hover();
    await row.locator('.menu-button').click();
    await page.locator('chat-launcher chat-thread .menu').waitFor();
  };
  const menuItem = (page, action) => page.locator(`chat-launcher chat-thread .menu .menu-item[data-action="${action}"]`);
  const openLauncherThread = async (page, query) => {
    await page.goto(`${base}/demo/index.html${query}`);
    await launcherConnected(page);
    await page.locator('chat-launcher .button').click();
    await openThread(page, 'bob');
    await page.locator('chat-launcher chat-thread .row.in .starred').last().waitFor();
    await page.locator('chat-launcher chat-thread .reaction').last().waitFor();
  };
  const openFavourites = async (page) => {
    await page.locator('chat-launcher chat-thread .back').click();
    await page.locator('chat-launcher [part="favourites-button"]').click();
    await page.locator('chat-launcher dialog.favourites li').first().waitFor();
  };

  const PADS = 'Do you want your old brake pads back?';
  const SPARES = 'Yes please, I keep spares in the garage.';
  const BAG = 'Will do: they will be in a bag on the saddle.';
  const PICKUP = 'Pickup code for the side door: 4711';

  // 29-37: the exchange, light.
  {
    const page = await freshPage(WIDE);
    await page.goto(`${base}/demo/index.html`);
    await launcherConnected(page);
    await bobInPage(page);
    await bobSays(page, `${PADS} They still have some life in them.`);
    await page.locator('chat-launcher .button').click();
    await openThread(page, 'bob');
    const thread = page.locator('chat-launcher chat-thread');
    await lastBubble(thread, PADS);
    await typeAndSend(thread, SPARES);
    const spares = await aliceLastId(page);
    await bobCall(page, 'sendTextMessage', { toJid: jid('alice'), messageText: BAG, replyMessageId: spares });
    const wrong = await bobSays(page, 'Your invoice is 2026-115, sorry, that was for someone else.');
    await bobCall(page, 'deleteMessagesForEveryone', { toJid: jid('alice'), messageIds: [wrong] });
    await bobSays(page, PICKUP);
    await bobCall(page, 'sendReaction', { toJid: jid('alice'), messageId: spares, emojis: ['👍', '❤️'] });
    await thread.locator('.bubble.deleted').last().waitFor();
    await rowOf(page, SPARES).locator('.reaction').nth(1).waitFor();

    await rowOf(page, SPARES).locator('.bubble').hover();
    await shot(page, '29-actions-menu-button.png', { hover: true });
    await openMenu(page, SPARES);
    await shot(page, '30-actions-menu.png');
    await page.keyboard.press('Escape');

    // Alice reacts to bob's answer, stars the pickup code and forwards it back to him.
    await openMenu(page, BAG);
    await thread.locator('.menu .menu-emoji').first().click();
    await rowOf(page, BAG).locator('.reaction[aria-pressed="true"]').waitFor();
    await openMenu(page, PICKUP);
    await menuItem(page, 'star').click();
    await rowOf(page, PICKUP).locator('.starred').waitFor();
    await openMenu(page, PICKUP);
    await menuItem(page, 'forward').click();
    await thread.locator('dialog.forward [part="forward-target"]').first().check();
    await shot(page, '31-actions-forward-dialog.png');
    await thread.locator('dialog.forward [part="forward-send"]').click();
    await thread.locator('dialog.forward').waitFor({ state: 'detached' });
    await thread.locator('.row.out .forwarded').last().waitFor();
    // Forwarded into the open chat: the copy lands below the view (the "Latest" button says so).
    if (await thread.locator('.jump').isVisible()) await thread.locator('.jump').click();
    await shot(page, '32-actions-thread.png');

    await openMenu(page, BAG);
    await menuItem(page, 'reply').click();
    await thread.locator('.compose-bar').waitFor();
    await thread.locator('textarea').fill('Perfect, thank you!');
    await shot(page, '33-actions-composer-reply.png');
    await thread.locator('textarea').fill('');
    await thread.locator('[part="compose-cancel"]').click();

    await openMenu(page, SPARES);
    await menuItem(page, 'edit').click();
    await thread.locator('.compose-bar').waitFor();
    await shot(page, '34-actions-composer-edit.png');
    await thread.locator('textarea').press('Escape');
    await thread.locator('.compose-bar').waitFor({ state: 'detached' });

    await openMenu(page, SPARES);
    await menuItem(page, 'delete-all').click();
    await thread.locator('dialog.confirm').waitFor();
    await shot(page, '35-actions-delete-confirm.png');
    await thread.locator('dialog.confirm .cancel').click();

    await rowOf(page, BAG).locator('.reply').click();
    await thread.locator('.row.highlight').waitFor();
    await shot(page, '36-actions-reply-jump.png');

    await openFavourites(page);
    await shot(page, '37-actions-favourites.png');
    await page.context().close();
  }

  // 38-43: dark, on a fresh page (all of it from the server: archive, favourites).
  {
    const page = await freshPage(WIDE);
    await openLauncherThread(page, '?theme=dark');
    await shot(page, '38-dark-actions-thread.png');
    await openMenu(page, SPARES);
    await shot(page, '39-dark-actions-menu.png');
    await menuItem(page, 'reply').click();
    await page.locator('chat-launcher chat-thread .compose-bar').waitFor();
    await shot(page, '40-dark-actions-composer-reply.png');
    await page.locator('chat-launcher chat-thread [part="compose-cancel"]').click();
    await openMenu(page, PICKUP);
    await menuItem(page, 'forward').click();
    await page.locator('chat-launcher chat-thread dialog.forward li').first().waitFor();
    await shot(page, '41-dark-actions-forward-dialog.png');
    await page.locator('chat-launcher chat-thread dialog.forward [part="forward-cancel"]').click();
    await openMenu(page, SPARES);
    await menuItem(page, 'delete-all').click();
    await page.locator('chat-launcher chat-thread dialog.confirm').waitFor();
    await shot(page, '42-dark-actions-delete-confirm.png');
    await page.locator('chat-launcher chat-thread dialog.confirm .cancel').click();
    await openFavourites(page);
    await shot(page, '43-dark-actions-favourites.png');
    await page.context().close();
  }

  // 44-46: a phone.
  {
    const page = await freshPage(NARROW, { scale: 2 });
    await openLauncherThread(page, '');
    await shot(page, '44-narrow-actions-thread.png');
    await openMenu(page, BAG);
    await shot(page, '45-narrow-actions-menu.png');
    await page.keyboard.press('Escape');
    await openFavourites(page);
    await shot(page, '46-narrow-actions-favourites.png');
    await page.context().close();
  }

  // 47-49: Arabic, right to left.
  {
    const page = await freshPage(WIDE);
    await openLauncherThread(page, '?lang=ar');
    await shot(page, '47-rtl-actions-thread.png');
    await openMenu(page, SPARES);
    await shot(page, '48-rtl-actions-menu.png');
    await menuItem(page, 'reply').click();
    await page.locator('chat-launcher chat-thread .compose-bar').waitFor();
    await shot(page, '49-rtl-actions-composer-reply.png');
    await page.context().close();
  }
}
