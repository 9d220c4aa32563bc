// Screenshots of the demo pages, for looking at the widget the way a visitor sees it.
//
//   npm start                                   (in another terminal)
//   node scripts/screenshot.mjs [outDir]        default outDir: .data/screenshots
//
// CHAT_DEMO_URL is the demo server's base URL (default http://127.0.0.2:8080, what `npm start` serves).
// On other ports (while someone else's `npm start` holds the defaults), e.g.:
//   CHAT_HTTP_PORT=5391 CHAT_C2S_PORT=5333 CHAT_DEMO_PORT=8391 CHAT_DATA_DIR=/tmp/shots npm start
//   CHAT_DEMO_URL=http://127.0.0.2:8391 node scripts/screenshot.mjs
// CHAT_SHOTS picks sequences (comma-separated: chat, media, actions, chats; default all of them).
// The sequences: screenshot-chat.mjs (01-11), screenshot-media.mjs (12-28), screenshot-actions.mjs
// (29-49), screenshot-chats.mjs (50-62); their shared steps: screenshot-kit.mjs.
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
//   29-actions-menu-button.png       the mouse over alice's message: the ⋯ menu button beside it, bob's reactions under it
//   30-actions-menu.png              the message menu on alice's own message: the reactions row, Edit, Delete for everyone
//   31-actions-forward-dialog.png    the forward dialog from the menu of bob's (starred) pickup code, bob ticked
//   32-actions-thread.png            the thread: bob's reply with its preview of alice's message, a message bob deleted
//                                    for everyone, reactions (alice's highlighted), the star, alice's forwarded copy
//   33-actions-composer-reply.png    the composer answering bob's reply, a draft typed
//   34-actions-composer-edit.png     the composer editing alice's message
//   35-actions-delete-confirm.png    the "Delete for everyone?" confirmation
//   36-actions-reply-jump.png        a click on the reply preview: the original highlighted
//   37-actions-favourites.png        the starred messages (the launcher's ★)
//   38-43-dark-actions-*.png         ?theme=dark on a fresh page: the thread, the menu, the reply composer, the
//                                    forward dialog, the delete confirmation, the favourites
//   44-46-narrow-actions-*.png       390x844: the thread, the menu on bob's reply, the favourites
//   47-49-rtl-actions-*.png          ?lang=ar: the thread, the menu, the reply composer
//   50-chats-row-menu.png            the mouse on bob's row in alice's list: its ⋯ button and the chat menu
//   51-chats-muted-row.png           bob's chat muted: the struck-through bell, its unread count in grey
//   52-chats-archived-entry.png      bob's chat archived: out of the list, "Archived (1)" at its foot
//   53-chats-archived-list.png       the archived list (its back button), bob's row in it
//   54-57-dark-chats-*.png           ?theme=dark: the same four
//   58-rtl-chats-row-menu.png        ?lang=ar: the row menu
//   59-chats-thread-menu.png         bob's thread: the header's ⋯ chat menu
//   60-chats-delete-confirm.png      Delete chat's confirmation (then cancelled)
//   61-62-dark-chats-*.png           ?theme=dark: the same two
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { screenshotKit } from './screenshot-kit.mjs';
import { chatShots } from './screenshot-chat.mjs';
import { mediaShots } from './screenshot-media.mjs';
import { actionShots } from './screenshot-actions.mjs';
import { chatsShots } from './screenshot-chats.mjs';

const base = (process.env.CHAT_DEMO_URL || 'http://127.0.0.2:8080').replace(/\/+$/, '');
const outDir = path.resolve(process.argv[2] || '.data/screenshots');

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
const password = (name) => config.accounts.find((a) => a.username === name)?.password;
if (!password('alice') || !password('bob')) throw new Error('the demo config lacks the alice and bob accounts');

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const kit = screenshotKit({ browser, base, config, outDir });

const sequences = { chat: chatShots, media: mediaShots, actions: actionShots, chats: chatsShots };
const only = (process.env.CHAT_SHOTS || Object.keys(sequences).join(',')).split(',').map((s) => s.trim());
try {
  for (const name of only) {
    if (!sequences[name]) throw new Error(`CHAT_SHOTS: no sequence "${name}" (${Object.keys(sequences).join(', ')})`);
    await sequences[name](kit);
  }
} finally {
  await browser.close();
}

const { written, problems } = kit;
if (problems.length) {
  console.warn(`\n${problems.length} problem(s) reported by the pages:`);
  for (const p of [...new Set(problems)]) console.warn(`  ${p}`);
}
console.log(`\n${written.length} screenshots in ${outDir}`);
