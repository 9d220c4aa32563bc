/** Behaviours that were broken on purpose, one at a time, without any test noticing (issue 7): each
 * test here fails when its behaviour breaks. On the real server, with a foreign client where the
 * other side is another XMPP client. */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { peoplePerTest, waitFor, sleep, startServer, stopServer, unique, wholeHistory } from './helpers.js';
import { foreignPerTest, esc } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

describe('typing from a peer who goes silent', () => {
  it('"composing" with no paused, gone or message after it stops showing after typingExpiryMs', async () => {
    const alice = await person(null, { typingExpiryMs: 400 });
    const bob = await foreign();
    // A client that crashed or lost its network mid-sentence: composing, then nothing at all.
    bob.send(`<message type="chat" to="${alice.jid}" id="${unique('cs')}"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>`);
    await waitFor(() => alice.typing.some((t) => t.fromJid === bob.jid && t.state === 'composing'), 'composing at alice');
    expect(alice.sdk.core!.binding.isTyping(bob.jid)).to.equal(true);
    await waitFor(() => alice.typing.at(-1)?.state === 'paused', 'typing to expire', 3000);
    expect(alice.sdk.core!.binding.isTyping(bob.jid)).to.equal(false);
  });
});

describe('user ids escaped per XEP-0106', () => {
  it('a user id holding & and other escaped characters signs in to its own account and talks to the right one', async () => {
    const tag = unique('t');
    const userId = `Tom & Jerry's "co" <a/b:c> ${tag}`;
    const escaped = `tom\\20\\26\\20jerry\\27s\\20\\22co\\22\\20\\3ca\\2fb\\3ac\\3e\\20${tag}`;
    // The account exists under the escaped name only (as another client or an admin would create it).
    await executeServerCommand('xmpp-create-account', { username: escaped, password: 'pw-escaped' });
    const tom = await person({ username: userId, password: 'pw-escaped' });
    expect(tom.jid).to.equal(`${escaped}@localhost`);
    expect(tom.sdk.core!.account).to.equal(`${escaped}@localhost`);
    // On the wire: the session's JID is the escaped one.
    expect(tom.sdk.core!.conn!.jid.startsWith(`${escaped}@localhost/`), tom.sdk.core!.conn!.jid).to.equal(true);

    const bob = await foreign();
    bob.send(`<message type="chat" to="${esc(`${escaped}@localhost`)}" id="${unique('e')}"><body>for tom</body></message>`);
    await waitFor(() => tom.messages.find((m) => m.body === 'for tom'), 'bob\'s message at tom');
    expect((await tom.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'from tom' })).statusCode).to.equal(200);
    const got = await waitFor(() => bob.received.find((m) => m.getElementsByTagName('body')[0]?.textContent === 'from tom'), 'tom\'s message at bob');
    expect(got.getAttribute('from')!.split('/')[0]).to.equal(`${escaped}@localhost`);
  });
});

describe('seen status made while offline', () => {
  it('is sent after reconnecting, and the sender sees its message seen', async function () {
    this.timeout(40000);
    const alice = await person(null);
    const bob = await person(null);
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'read me later' })).data!;
    await waitFor(() => alice.statuses.find((s) => s.msgId === sent.msgId && s.status === 'delivered'), 'delivered');

    await stopServer();
    try {
      await waitFor(() => bob.sdk.core!.connectionState === 'reconnecting', 'bob to notice the server is gone');
      // Bob reads the message while offline: the marker cannot go out now.
      expect((await bob.sdk.sendSeenStatus(alice.jid, sent.msgId)).statusCode).to.equal(200);
    } finally {
      await startServer();
    }
    await waitFor(() => alice.statuses.find((s) => s.msgId === sent.msgId && s.status === 'seen'), 'seen at alice after both reconnect', 25000);
  });
});

describe('read marks made while offline survive a reload', () => {
  it('the seen marker for the peer and the displayed state for other devices go out from the reloaded page', async function () {
    this.timeout(40000);
    const alice = await person(null);
    const bob = await person(null);
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'read me, then reload' })).data!;
    await waitFor(() => alice.statuses.find((s) => s.msgId === sent.msgId && s.status === 'delivered'), 'delivered');
    const got = await waitFor(() => bob.messages.find((m) => m.msgId === sent.msgId && m.stanzaId), 'bob has it with its archive id');

    await stopServer();
    try {
      await waitFor(() => bob.sdk.core!.connectionState === 'reconnecting', 'bob to notice the server is gone');
      expect((await bob.sdk.sendSeenStatus(alice.jid, got.msgId)).statusCode).to.equal(200);
      // The page reloads before the connection is back: this SDK goes, a new one opens the same cache.
      await bob.sdk.disconnect();
    } finally {
      await startServer();
    }
    await person({ username: bob.username, password: bob.password }, { storagePrefix: bob.storagePrefix });
    await waitFor(() => alice.statuses.find((s) => s.msgId === sent.msgId && s.status === 'seen'), 'seen at alice after the reload', 25000);
    // And a fresh device of bob's learns the chat was read (XEP-0490), with nothing unread.
    const fresh = await person({ username: bob.username, password: bob.password });
    await waitFor(async () => (await fresh.sdk.getRecentChats()).data!.some((c) => c.chatJid === alice.jid), 'the chat on the fresh device');
    await waitFor(async () => (await fresh.sdk.getRecentChats()).data!.find((c) => c.chatJid === alice.jid)!.unreadCount === 0, 'read on the fresh device');
  });
});

describe('forged carbons', () => {
  it('a carbon sent by another account (not our own) shows nowhere', async () => {
    const alice = await person(null);
    const mallory = await foreign();
    const victim = await foreign();
    const forward = (inner: string) => `<forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded>`;
    // "Received": a message from the victim to alice that the victim never sent.
    mallory.send(`<message to="${alice.jid}" type="chat" id="${unique('f')}"><received xmlns="urn:xmpp:carbons:2">${
      forward(`<message xmlns="jabber:client" from="${victim.jid}/phone" to="${alice.jid}" type="chat" id="forged-1"><body>forged received</body></message>`)}</received></message>`);
    // "Sent": a message alice never sent to the victim.
    mallory.send(`<message to="${alice.jid}" type="chat" id="${unique('f')}"><sent xmlns="urn:xmpp:carbons:2">${
      forward(`<message xmlns="jabber:client" from="${alice.jid}/other" to="${victim.jid}" type="chat" id="forged-2"><body>forged sent</body></message>`)}</sent></message>`);
    // The brief's shape: from "victim", no resource.
    mallory.send(`<message to="${alice.jid}"><sent xmlns="urn:xmpp:carbons:2">${
      forward(`<message xmlns="jabber:client" from="${victim.jid}" to="${alice.jid}"><body>forged plain</body></message>`)}</sent></message>`);
    // A plain message after them: once it is in, the forgeries had their chance.
    mallory.send(`<message type="chat" to="${alice.jid}" id="${unique('f')}"><body>after the forgeries</body></message>`);
    await waitFor(() => alice.messages.find((m) => m.body === 'after the forgeries'), 'mallory\'s plain message');
    await sleep(300);
    expect(alice.messages.filter((m) => m.body.startsWith('forged')).length).to.equal(0);
    const chats = (await alice.sdk.getRecentChats()).data!;
    expect(chats.map((c) => c.chatJid).join(' ')).to.equal(mallory.jid);
    expect((await alice.sdk.getChatMessages({ toJid: victim.jid })).data!.length).to.equal(0);
  });
});

describe('history whose archive holds receipts and markers between the messages', () => {
  it('reads page by page with no gap and no duplicate, page boundaries falling at the limit and between non-message entries', async function () {
    this.timeout(60000);
    const alice = await person(null);
    const bob = await foreign();
    const count = 150;
    // Per message, three archived stanzas that are not messages: a page of 100 archive entries holds
    // exactly 25 messages, and pages start and end between receipts and markers.
    const receipt = (id: string) => `<message type="chat" to="${alice.jid}" id="${unique('r')}"><received xmlns="urn:xmpp:receipts" id="${id}"/></message>`;
    const marker = (id: string) => `<message type="chat" to="${alice.jid}" id="${unique('d')}"><displayed xmlns="urn:xmpp:chat-markers:0" id="${id}"/></message>`;
    for (let i = 0; i < count; i++) {
      bob.send(receipt(`none-${i}`));
      bob.send(`<message type="chat" to="${alice.jid}" id="p${i}"><body>p${i}</body></message>`);
      bob.send(marker(`none-${i}`));
      bob.send(receipt(`none-b${i}`));
    }
    await waitFor(() => alice.messages.some((m) => m.body === `p${count - 1}`), 'the last message live', 30000);
    const expected = Array.from({ length: count }, (_, i) => `p${i}`);
    // Fresh devices (nothing cached, the catch-up reads one archive entry) read the chat up from the
    // archive: with the limit equal to a page's messages, and with limits that do not divide it.
    for (const limit of [25, 24, 1 + 25 * 2]) {
      const reader = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 1 });
      const pages: string[][] = [];
      let lastRowId: number | undefined;
      for (let step = 0; step < count + 2; step++) {
        const res = await reader.sdk.getChatMessages({ toJid: bob.jid, limit, ...(lastRowId !== undefined ? { lastRowId } : {}) });
        if (res.data!.length === 0) break;
        pages.unshift(res.data!.map((m) => m.body));
        lastRowId = res.data![0].rowId;
      }
      const bodies = pages.flat();
      expect(bodies.length, `limit ${limit}`).to.equal(count);
      expect(bodies.join(' '), `limit ${limit}`).to.equal(expected.join(' '));
      // Every page is full but the oldest: the archive is read on until the page has its messages.
      expect(pages.slice(1).every((p) => p.length === limit), `limit ${limit}: ${pages.map((p) => p.length).join(',')}`).to.equal(true);
      await reader.sdk.disconnect();
    }
  });

  it('a run of more receipts and markers than an archive page does not end the history there', async function () {
    this.timeout(60000);
    const alice = await person(null);
    const bob = await foreign();
    const body = (i: number) => bob.send(`<message type="chat" to="${alice.jid}" id="q${i}"><body>q${i}</body></message>`);
    for (let i = 0; i < 5; i++) body(i);
    // More non-message entries in a row than an archive page holds: some page brings no message at all.
    for (let i = 0; i < 300; i++) bob.send(`<message type="chat" to="${alice.jid}" id="${unique('m')}"><displayed xmlns="urn:xmpp:chat-markers:0" id="none-${i}"/></message>`);
    for (let i = 5; i < 10; i++) body(i);
    await waitFor(() => alice.messages.some((m) => m.body === 'q9'), 'the last message live', 30000);
    const reader = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 1 });
    const bodies = (await wholeHistory(reader, bob.jid, 5)).map((m) => m.body);
    expect(bodies.join(' ')).to.equal('q0 q1 q2 q3 q4 q5 q6 q7 q8 q9');
  });
});
