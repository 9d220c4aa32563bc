/** Replies (XEP-0461 with the XEP-0428 fallback quote) and forwarding (issue 9), on the real Prosody. */
import { expect } from '@open-wc/testing';
import { peoplePerTest, sleep, startServer, stopServer, unique, waitFor, type Person } from './helpers.js';
import { foreignPerTest, esc } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

async function png(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 30;
  canvas.getContext('2d')!.fillRect(0, 0, 40, 30);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], 'dot.png', { type: 'image/png' });
}

/** Counts, from now on, the XEP-0363 slot requests a person sends and the HTTP PUTs this page makes
 * (until `stop()`). */
// A failed test leaves the counting XMLHttpRequest in place: it only counts.
function countUploads(p: Person): { slots: number; puts: number; stop(): void } {
  const Original = window.XMLHttpRequest;
  const counter = {
    slots: 0, puts: 0,
    stop: () => {
      window.XMLHttpRequest = Original;
    },
  };
  const conn = p.sdk.core!.conn!;
  const previous = conn.xmlOutput.bind(conn);
  conn.xmlOutput = (el: Element) => {
    if (el.outerHTML.includes('urn:xmpp:http:upload:0')) counter.slots++;
    previous(el);
  };
  window.XMLHttpRequest = class extends Original {
    override open(method: string, url: string | URL, async = true, user?: string | null, password?: string | null): void {
      if (method.toUpperCase() === 'PUT') counter.puts++;
      super.open(method, url, async, user, password);
    }
  };
  return counter;
}

describe('replies (XEP-0461) with their fallback quote (XEP-0428)', () => {
  it('both ways between two of us: the quote goes on the wire, is not stored for the sender and is cut out at the receiver', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const question = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'lunch at 1? 🍜' })).data!;
    await waitFor(() => bob.messages.find((m) => m.msgId === question.msgId), 'the question');
    const answer = await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'yes', replyMessageId: question.msgId });
    expect(answer.statusCode, answer.message).to.equal(200);
    expect(answer.data!.body).to.equal('yes');
    const got = await waitFor(() => alice.messages.find((m) => m.msgId === answer.data!.msgId), 'the reply');
    expect(got.body).to.equal('yes');
    expect(`${got.replyTo?.msgId} ${got.replyTo?.fromJid}`).to.equal(`${question.msgId} ${alice.jid}`);
    // And back: a reply to the reply.
    const back = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'see you', replyMessageId: got.msgId })).data!;
    const gotBack = await waitFor(() => bob.messages.find((m) => m.msgId === back.msgId), 'the reply back');
    expect(`${gotBack.body} ${gotBack.replyTo?.msgId} ${gotBack.replyTo?.fromJid}`).to.equal(`see you ${answer.data!.msgId} ${bob.jid}`);
    const original = await bob.sdk.getReplyMessage({ replyMessageId: gotBack.replyTo!.msgId });
    expect(`${original.statusCode} ${original.data?.body}`).to.equal('200 yes');
    // The sender's stored copy, as read back from its cache, is the text alone.
    const bobHistory = (await bob.sdk.getChatMessages({ toJid: alice.jid })).data!;
    expect(bobHistory.map((m) => m.body).join('|')).to.equal('lunch at 1? 🍜|yes|see you');
  });

  it('on the wire: the body starts with "> original", the fallback marks it in code points', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="q-1"><body>two\nlines 😀</body></message>`);
    await waitFor(() => alice.messages.find((m) => m.msgId === 'q-1'), 'the question');
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'ok', replyMessageId: 'q-1' })).data!;
    const stanza = await bob.waitForMessage((m) => m.getAttribute('id') === sent.msgId, 'the reply');
    expect(stanza.getElementsByTagName('body')[0].textContent).to.equal('> two\n> lines 😀\nok');
    const fallback = stanza.getElementsByTagNameNS('urn:xmpp:fallback:0', 'fallback')[0];
    expect(fallback?.getAttribute('for')).to.equal('urn:xmpp:reply:0');
    const range = fallback.getElementsByTagNameNS('urn:xmpp:fallback:0', 'body')[0];
    // "> two\n> lines 😀\n" is 16 code points (17 UTF-16 units).
    expect(`${range.getAttribute('start')}-${range.getAttribute('end')}`).to.equal('0-16');
    const reply = stanza.getElementsByTagNameNS('urn:xmpp:reply:0', 'reply')[0];
    expect(`${reply.getAttribute('id')} ${reply.getAttribute('to')}`).to.equal(`q-1 ${bob.jid}`);
  });

  it('a failed reply sent again carries its quote again', async () => {
    const alice = await person(null);
    const ghost = `${unique('nobody')}@localhost`;
    const first = (await alice.sdk.sendTextMessage({ toJid: ghost, messageText: 'first' })).data!;
    const reply = (await alice.sdk.sendTextMessage({ toJid: ghost, messageText: 'again?', replyMessageId: first.msgId })).data!;
    await waitFor(() => alice.statuses.find((s) => s.msgId === reply.msgId && s.status === 'failed'), 'the reply bounced');
    const bodies: string[] = [];
    const conn = alice.sdk.core!.conn!;
    const previous = conn.xmlOutput.bind(conn);
    conn.xmlOutput = (el: Element) => {
      if (el.getAttribute('id') === reply.msgId) bodies.push(el.getElementsByTagName('body')[0]?.textContent ?? '');
      previous(el);
    };
    expect((await alice.sdk.resendMessage({ toJid: ghost, messageId: reply.msgId })).statusCode).to.equal(200);
    await waitFor(() => bodies.length > 0, 'sent again');
    expect(bodies[0]).to.equal('> first\nagain?');
  });

  it('replies in the shapes Dino, Gajim and Conversations send are read with replyTo and without the quote; one without a fallback keeps its body', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const mine = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'first\nsecond' })).data!;
    await bob.waitForMessage((m) => m.getAttribute('id') === mine.msgId, 'alice\'s message');
    // Dino (libdino/src/service/fallback_body.vala get_quoted_fallback_body; chat_interaction): "> " per
    // line and a newline, <reply to=full JID>, urn:xmpp:fallback:0 with start/end in characters.
    const quote = '> first\n> second\n';
    bob.send(`<message type="chat" to="${alice.jid}" id="dino-1"><body>${esc(quote)}agreed 👍</body>`
      + `<reply xmlns="urn:xmpp:reply:0" to="${alice.jid}/web" id="${mine.msgId}"/>`
      + `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${[...quote].length}"/></fallback>`
      + '<origin-id xmlns="urn:xmpp:sid:0" id="dino-1"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>');
    // Gajim / Conversations: the same quote, the reply naming the bare JID (XEP-0461 allows it in 1:1).
    bob.send(`<message type="chat" to="${alice.jid}" id="gajim-1"><body>${esc('> first\n> second\n')}noted</body>`
      + `<reply xmlns="urn:xmpp:reply:0" to="${alice.jid}" id="${mine.msgId}"/>`
      + '<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="17"/></fallback>'
      + '<request xmlns="urn:xmpp:receipts"/></message>');
    // A client that quotes by hand (XEP-0393 style) without marking the fallback: nothing is cut.
    bob.send(`<message type="chat" to="${alice.jid}" id="plain-1"><body>${esc('> first\nhand quoted')}</body>`
      + `<reply xmlns="urn:xmpp:reply:0" to="${alice.jid}" id="${mine.msgId}"/></message>`);
    await waitFor(() => ['dino-1', 'gajim-1', 'plain-1'].every((id) => alice.messages.some((m) => m.msgId === id)), 'the three replies');
    const read = (id: string) => alice.messages.find((m) => m.msgId === id)!;
    expect(read('dino-1').body).to.equal('agreed 👍');
    expect(read('gajim-1').body).to.equal('noted');
    expect(read('plain-1').body).to.equal('> first\nhand quoted');
    for (const id of ['dino-1', 'gajim-1', 'plain-1']) {
      expect(`${read(id).replyTo?.msgId} ${read(id).replyTo?.fromJid}`).to.equal(`${mine.msgId} ${alice.jid}`);
    }
    const original = await alice.sdk.binding!.replyMessage({ toJid: bob.jid, replyMessageId: read('dino-1').replyTo!.msgId });
    expect(original?.body).to.equal('first\nsecond');
  });

  it('an original not in the cache (a fresh device) is found in the archive; an unknown one is null / 404', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="old-1"><body>the old one</body><origin-id xmlns="urn:xmpp:sid:0" id="old-origin"/></message>`);
    await waitFor(() => alice.messages.find((m) => m.msgId === 'old-1'), 'the old one');
    for (let i = 0; i < 6; i++) bob.send(`<message type="chat" to="${alice.jid}" id="later-${i}"><body>later ${i}</body></message>`);
    bob.send(`<message type="chat" to="${alice.jid}" id="re-1"><body>about it</body><reply xmlns="urn:xmpp:reply:0" to="${alice.jid}" id="old-1"/></message>`);
    await waitFor(() => alice.messages.find((m) => m.msgId === 're-1'), 'the reply');
    await alice.sdk.disconnect();
    // A fresh device reads only the newest 3 archive entries at first.
    const fresh = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 3 });
    await waitFor(async () => (await fresh.sdk.getRecentChats()).data!.length === 1, 'synced');
    const cached = (await fresh.sdk.getChatMessages({ toJid: bob.jid, limit: 3 })).data!;
    expect(cached.some((m) => m.msgId === 'old-1')).to.equal(false);
    const found = await fresh.sdk.getReplyMessage({ replyMessageId: 'old-1' });
    expect(`${found.statusCode} ${found.data?.body} ${found.data?.fromJid}`).to.equal(`200 the old one ${bob.jid}`);
    // By the origin-id some clients still name (XEP-0461 before 0.3.0), through the binding.
    const byOrigin = await fresh.sdk.binding!.replyMessage({ toJid: bob.jid, replyMessageId: 'old-origin' });
    expect(byOrigin?.msgId).to.equal('old-1');
    expect(await fresh.sdk.binding!.replyMessage({ toJid: bob.jid, replyMessageId: 'never-sent' })).to.equal(null);
    expect((await fresh.sdk.getReplyMessage({ replyMessageId: 'never-sent' })).statusCode).to.equal(404);
  });
});

describe('forwarding', () => {
  it('text and an image reach two chats, marked forwarded, the image not uploaded again', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    const dave = await foreign();
    const text = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'worth sharing' })).data!;
    const image = await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file: await png(), caption: 'the dot' } });
    expect(image.statusCode, image.message).to.equal(200);
    const uploads = countUploads(alice);
    const res = await alice.sdk.forwardMessagesToMultipleUsers({ toJids: [carol.jid, dave.jid], messageIds: [text.msgId, image.data!.msgId] });
    expect(res.statusCode, res.message).to.equal(200);
    expect(res.data!.map((m) => `${m.chatJid === carol.jid ? 'carol' : 'dave'}:${m.msgType}:${m.forwarded}`).join(' '))
      .to.equal('carol:text:true carol:image:true dave:text:true dave:image:true');
    // Carol (this widget) sees both, marked forwarded, the image at the same URL with its metadata.
    await waitFor(() => carol.messages.length >= 2, 'both at carol');
    const [ct, ci] = carol.messages;
    expect(`${ct.body} ${ct.forwarded} ${ci.forwarded} ${ci.body}`).to.equal('worth sharing true true the dot');
    expect(ci.media?.url).to.equal(image.data!.media!.url);
    expect(`${ci.media?.fileName} ${ci.media?.width}x${ci.media?.height}`).to.equal('dot.png 40x30');
    // Dave's client sees ordinary messages (the body, the file's URL as body and OOB).
    const img = await dave.waitForMessage((m) => m.getElementsByTagName('body')[0]?.textContent === image.data!.media!.url, 'the image at dave');
    expect(img.getElementsByTagNameNS('jabber:x:oob', 'url')[0]?.textContent).to.equal(image.data!.media!.url);
    await dave.waitForMessage((m) => m.getElementsByTagName('body')[0]?.textContent === 'worth sharing', 'the text at dave');
    await sleep(300);
    expect(`${uploads.slots} ${uploads.puts}`).to.equal('0 0');
    // The counters do see an upload.
    await alice.sdk.sendImageMessage({ toJid: carol.jid, fileMessageParams: { file: await png() } });
    expect(`${uploads.slots} ${uploads.puts}`).to.equal('1 1');
    uploads.stop();
  });

  it('to one chat, all at once, from the binding; offline the copies wait in the outbox and go once', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    const m1 = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'one' })).data!;
    const m2 = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'two' })).data!;
    const copies = await alice.sdk.binding!.forwardMessages({ fromJid: bob.jid, toJids: [carol.jid], messageIds: [m1.msgId, m2.msgId], isAsync: false });
    expect(copies.map((c) => c.body).join(' ')).to.equal('one two');
    await waitFor(() => carol.messages.length >= 2, 'both at carol');
    await stopServer();
    try {
      await waitFor(() => alice.sdk.core!.connectionState === 'reconnecting', 'alice to notice');
      const offline = await alice.sdk.forwardMessagesToUser({ toJid: carol.jid, messageIds: [m1.msgId] });
      expect(`${offline.statusCode} ${offline.data?.[0]?.status}`).to.equal('200 pending');
    } finally {
      await startServer();
    }
    await waitFor(() => carol.messages.length >= 3, 'the offline copy', 20000);
    await sleep(1500); // room for a duplicate to show up, if there were one
    expect(carol.messages.map((m) => m.body).join(' ')).to.equal('one two one');
  });

  it('unknown messages answer 404, bad parameters 400', async () => {
    const alice = await person(null);
    const bob = await person(null);
    expect((await alice.sdk.forwardMessagesToUser({ toJid: bob.jid, messageIds: ['nope'] })).statusCode).to.equal(404);
    expect((await alice.sdk.forwardMessagesToUser({ toJid: bob.jid, messageIds: [] })).statusCode).to.equal(400);
    expect((await alice.sdk.forwardMessagesToMultipleUsers({ toJids: [], messageIds: ['x'] })).statusCode).to.equal(400);
  });
});

describe('switched off', () => {
  it('reply and forward answer 403', async () => {
    const bob = await person(null);
    const alice = await person(null, { features: { reply: false, forward: false } });
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'hi' })).data!;
    expect((await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 're', replyMessageId: sent.msgId })).statusCode).to.equal(403);
    expect((await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file: await png() }, replyMessageId: sent.msgId })).statusCode).to.equal(403);
    expect((await alice.sdk.getReplyMessage({ replyMessageId: sent.msgId })).statusCode).to.equal(403);
    expect((await alice.sdk.forwardMessagesToUser({ toJid: bob.jid, messageIds: [sent.msgId] })).statusCode).to.equal(403);
    expect((await alice.sdk.forwardMessagesToMultipleUsers({ toJids: [bob.jid], messageIds: [sent.msgId] })).statusCode).to.equal(403);
  });
});
