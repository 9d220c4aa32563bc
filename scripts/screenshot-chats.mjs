// The chat-management screenshots (scripts/screenshot.mjs, shots 50-59, CHAT_SHOTS=chats): alice's list
// with bob's chat: its row menu (the ⋯ button under the mouse), the chat muted (the struck-through bell,
// its unread count in grey after bob wrote again), archived (the "Archived (1)" entry at the foot) and
// the archived list; light, dark, and the menu in Arabic (right to left). Alice uses the row menu as a
// person would, so the chat's mute and archive state goes to her account's server storage: the sequence
// ends by unarchiving and unmuting the chat again, so the other sequences find it as it was.

/** Runs the sequence with the kit of screenshot-kit.mjs. */
export async function chatsShots(k) {
  const { freshPage, shot, launcherConnected, bobInPage, bobSays, base, WIDE, sleep } = k;

  const list = (page) => page.locator('chat-launcher chat-list');
  const bobRow = (page) => list(page).locator('li', { has: page.locator('.name', { hasText: 'bob' }) }).first();
  /** Opens bob's row menu with its ⋯ button, the mouse left on the row. */
  const openRowMenu = async (page) => {
    await bobRow(page).hover();
    await bobRow(page).locator('.chat-menu-button').click();
    await list(page).locator('.chat-menu').waitFor();
  };
  /** Chooses `action` (a data-action: mute, unmute, archive, unarchive) on bob's row menu, and waits
   * for `done` (a locator); a refused action (the error line) stops the sequence with its reason. */
  const act = async (page, action, done) => {
    await openRowMenu(page);
    await list(page).locator(`.chat-menu .menu-item[data-action="${action}"]`).click();
    const error = list(page).locator('[part="error"]');
    await Promise.race([done.waitFor(), error.waitFor()]);
    if (await error.count()) throw new Error(`${action} was refused: ${await error.textContent()}`);
  };
  const muted = (page) => bobRow(page).locator('[part="muted"]');
  const entry = (page) => list(page).locator('.archived-entry');

  async function sequence(query, prefix, first) {
    const page = await freshPage(WIDE, { colorScheme: query.includes('dark') ? 'dark' : 'light' });
    await page.goto(`${base}/demo/index.html${query}`);
    await launcherConnected(page);
    await bobInPage(page);
    await page.locator('chat-launcher .button').click();
    await bobSays(page, query.includes('lang=ar') ? 'هل ما زال الموعد قائماً غداً؟' : 'Are we still on for tomorrow?');
    await bobRow(page).locator('.unread').waitFor();
    await openRowMenu(page);
    await shot(page, `${first}-${prefix}row-menu.png`, { hover: true });
    if (query.includes('lang=ar')) {
      await page.keyboard.press('Escape');
      return page.context().close();
    }
    await page.keyboard.press('Escape');
    try {
      await act(page, 'mute', muted(page));
      await bobSays(page, 'I will bring the cake.');
      await shot(page, `${first + 1}-${prefix}muted-row.png`);
      await act(page, 'archive', entry(page));
      await shot(page, `${first + 2}-${prefix}archived-entry.png`);
      await entry(page).click();
      await bobRow(page).waitFor();
      await shot(page, `${first + 3}-${prefix}archived-list.png`);
    } finally {
      // Back as it was: in the main list, not muted.
      if (await list(page).locator('.archived-back').count()) {
        await act(page, 'unarchive', list(page).locator('.empty')).catch(() => undefined);
        await list(page).locator('.archived-back').click();
      } else if (await entry(page).count()) {
        await entry(page).click();
        await act(page, 'unarchive', list(page).locator('.empty')).catch(() => undefined);
        await list(page).locator('.archived-back').click();
      }
      if (await muted(page).count()) await act(page, 'unmute', bobRow(page).locator('.name')).catch(() => undefined);
      await sleep(300);
      await page.context().close();
    }
  }

  /** Bob's thread: the header's chat menu, then Delete chat's confirmation (cancelled). */
  async function threadMenu(query, prefix, first) {
    const page = await freshPage(WIDE, { colorScheme: query.includes('dark') ? 'dark' : 'light' });
    await page.goto(`${base}/demo/index.html${query}`);
    await launcherConnected(page);
    await bobInPage(page);
    await page.locator('chat-launcher .button').click();
    await bobSays(page, 'See you at noon.');
    await bobRow(page).click();
    const thread = page.locator('chat-launcher chat-thread');
    await thread.locator('header .chat-menu-button').click();
    await thread.locator('.chat-menu').waitFor();
    await shot(page, `${first}-${prefix}thread-menu.png`);
    await thread.locator('.chat-menu .menu-item[data-action="delete-chat"]').click();
    await thread.locator('dialog.chat-confirm').waitFor();
    await shot(page, `${first + 1}-${prefix}delete-confirm.png`);
    await thread.locator('dialog.chat-confirm .cancel').click();
    await page.context().close();
  }

  // 50-53 light, 54-57 dark, 58 the menu in Arabic, 59-62 the thread's menu and a confirmation.
  await sequence('', 'chats-', 50);
  await sequence('?theme=dark', 'dark-chats-', 54);
  await sequence('?lang=ar', 'rtl-chats-', 58);
  await threadMenu('', 'chats-', 59);
  await threadMenu('?theme=dark', 'dark-chats-', 61);
}
