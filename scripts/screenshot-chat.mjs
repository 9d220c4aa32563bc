// The chat screenshots (scripts/screenshot.mjs, shots 01-11): the shop page, the list, a thread with
// messages both ways and a correction, a phone, the dark theme, two people, a guest.

/** Runs the sequence with the kit of screenshot-kit.mjs. */
export async function chatShots(k) {
  const { freshPage, shot, launcherConnected, panesConnected, bobInPage, bobSays, bobCorrects, typeAndSend, lastBubble, catchUp, openThread, base, jid, WIDE, NARROW } = k;
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
}
