import { expect } from '@open-wc/testing';
import { peoplePerTest, waitFor, sleep, wholeHistory, startServer, stopServer, unique } from './helpers.js';

const person = peoplePerTest();

describe('text chat between two real accounts', () => {
  it('two accounts exchange messages both ways', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const sent = await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'Hi Bob' });
    expect(sent.statusCode).to.equal(200);
    expect(sent.data!.status).to.equal('pending');
    const atBob = await waitFor(() => bob.messages.find((m) => m.body === 'Hi Bob'), 'bob to receive');
    expect(atBob).to.include({ fromJid: alice.jid, chatJid: alice.jid, outgoing: false, msgId: sent.data!.msgId });

    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'Hello Alice' });
    const atAlice = await waitFor(() => alice.messages.find((m) => m.body === 'Hello Alice'), 'alice to receive');
    expect(atAlice.chatJid).to.equal(bob.jid);

    const recent = await bob.sdk.getRecentChats();
    expect(recent.data![0]).to.include({ chatJid: alice.jid });
    expect(recent.data![0].lastMessage!.body).to.equal('Hello Alice');
    const history = await alice.sdk.getChatMessages({ toJid: bob.jid });
    expect(history.data!.map((m) => m.body)).to.deep.equal(['Hi Bob', 'Hello Alice']);
  });

  it('delivery and seen status reach the sender, seen covering every earlier message', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const first = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'one' })).data!;
    const second = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'two' })).data!;
    await waitFor(() => alice.statuses.find((s) => s.msgId === second.msgId && s.status === 'delivered'), 'delivered');
    expect(alice.statuses.some((s) => s.msgId === first.msgId && s.status === 'sent')).to.equal(true);
    await waitFor(() => bob.messages.length === 2, 'bob to have both');

    const seen = await bob.sdk.sendSeenStatus(alice.jid, second.msgId);
    expect(seen.statusCode).to.equal(200);
    await waitFor(() => alice.statuses.find((s) => s.msgId === first.msgId && s.status === 'seen'), 'first seen');
    await waitFor(() => alice.statuses.find((s) => s.msgId === second.msgId && s.status === 'seen'), 'second seen');
    const history = await alice.sdk.getChatMessages({ toJid: bob.jid });
    expect(history.data!.map((m) => m.status)).to.deep.equal(['seen', 'seen']);
    expect((await bob.sdk.getRecentChats()).data![0].unreadCount).to.equal(0);
  });

  it('typing shows and clears, by gone and by a quiet period', async () => {
    const alice = await person(null, { typingQuietMs: 600 });
    const bob = await person(null);
    await alice.sdk.sendTypingStatus(bob.jid);
    await waitFor(() => bob.typing.find((t) => t.fromJid === alice.jid && t.state === 'composing'), 'composing');
    await alice.sdk.sendTypingGoneStatus(bob.jid);
    await waitFor(() => bob.typing.at(-1)?.state === 'gone', 'gone');

    bob.typing.length = 0;
    await alice.sdk.sendTypingStatus(bob.jid);
    await waitFor(() => bob.typing.find((t) => t.state === 'composing'), 'composing again');
    // No more keystrokes: after the quiet period alice's client says gone by itself.
    await waitFor(() => bob.typing.at(-1)?.state === 'gone', 'gone after quiet period', 5000);
  });

  it('120 messages page up and down with no gap and no duplicate, from the server archive', async function () {
    this.timeout(90000);
    const alice = await person(null);
    const bob = await person(null);
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      ids.push((await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: `n${i}` })).data!.msgId);
    }
    await waitFor(() => bob.messages.length === 120, 'bob to receive 120', 30000);
    // A second device of bob's with an empty cache has to page through the archive.
    const bob2 = await person({ username: bob.username, password: bob.password });
    const up = await wholeHistory(bob2, alice.jid, 25);
    expect(up.map((m) => m.body)).to.deep.equal(ids.map((_, i) => `n${i}`));
    expect(new Set(up.map((m) => m.rowId)).size).to.equal(120);

    const down: string[] = [];
    let lastRowId = up[0].rowId;
    down.push(up[0].body);
    for (;;) {
      const page = (await bob2.sdk.getChatMessages({ toJid: alice.jid, position: 'down', lastRowId, limit: 17 })).data!;
      if (page.length === 0) break;
      down.push(...page.map((m) => m.body));
      lastRowId = page[page.length - 1].rowId;
    }
    expect(down).to.deep.equal(ids.map((_, i) => `n${i}`));
  });

  it('a body holding HTML and script comes back exactly as sent', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const body = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & "quoted" 'single' ]]> <![CDATA[x]]>`;
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: body });
    const got = await waitFor(() => bob.messages.find((m) => m.body === body), 'the exact body');
    expect(got.body).to.equal(body);
    const fromArchive = await wholeHistory(await person({ username: bob.username, password: bob.password }), alice.jid);
    expect(fromArchive.map((m) => m.body)).to.deep.equal([body]);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('messages this account sends from another device appear too (carbons)', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const alicePhone = await person({ username: alice.username, password: alice.password });
    await alicePhone.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'sent from my phone' });
    const copy = await waitFor(() => alice.messages.find((m) => m.body === 'sent from my phone'), 'the carbon');
    expect(copy).to.include({ outgoing: true, chatJid: bob.jid });
    expect((await alice.sdk.getRecentChats()).data![0].lastMessage!.body).to.equal('sent from my phone');
  });

  it('a message to an account that does not exist is marked failed with the reason', async () => {
    const alice = await person(null);
    const ghost = `${unique('nobody')}@localhost`;
    const sent = (await alice.sdk.sendTextMessage({ toJid: ghost, messageText: 'anyone there?' })).data!;
    const failed = await waitFor(() => alice.statuses.find((s) => s.msgId === sent.msgId && s.status === 'failed'), 'failed status');
    expect(failed.chatJid).to.equal(ghost);
    const [stored] = (await alice.sdk.getChatMessages({ toJid: ghost })).data!;
    expect(stored.error).to.match(/does not exist|cannot receive/);
  });
});

describe('never losing or duplicating a message', () => {
  it('a message sent while the server is down survives a reload and arrives exactly once after it is back', async () => {
    const alice = await person(null);
    const bob = await person(null);
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'before' });
    await waitFor(() => bob.messages.length === 1, 'first message');

    await stopServer();
    try {
      await waitFor(() => alice.sdk.core!.connectionState === 'reconnecting', 'alice to notice');
      const offline = await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'while down' });
      expect(offline.statusCode).to.equal(200);
      expect(offline.data!.status).to.equal('pending');
      // The page reloads: this instance goes away, a new one opens the same storage.
      await alice.sdk.disconnect();
    } finally {
      await startServer();
    }
    const aliceAgain = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    await waitFor(() => bob.messages.find((m) => m.body === 'while down'), 'the queued message', 20000);
    await waitFor(() => aliceAgain.statuses.find((s) => s.status === 'delivered' || s.status === 'sent'), 'sent status');
    await sleep(1500); // room for a duplicate to show up, if there were one
    expect(bob.messages.filter((m) => m.body === 'while down').length).to.equal(1);
    const bobHistory = await wholeHistory(bob, alice.jid);
    expect(bobHistory.map((m) => m.body)).to.deep.equal(['before', 'while down']);
    const aliceHistory = await wholeHistory(aliceAgain, bob.jid);
    expect(aliceHistory.map((m) => m.body)).to.deep.equal(['before', 'while down']);
    expect(aliceHistory[1].status).to.not.equal('pending');
  });

  it('a fresh SDK instance with the same storage shows cached history before any network answer', async () => {
    const alice = await person(null);
    const bob = await person(null);
    for (const text of ['a', 'b', 'c']) await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: text });
    await waitFor(() => bob.messages.length === 3, 'three messages');
    await bob.sdk.disconnect();

    await stopServer();
    try {
      const bobReload = await person({ username: bob.username, password: bob.password },
        { storagePrefix: bob.storagePrefix, connect: false });
      const connecting = bobReload.sdk.connect(bob.username, bob.password);
      const cached = await bobReload.sdk.getChatMessages({ toJid: alice.jid });
      expect(cached.statusCode).to.equal(200);
      expect(cached.data!.map((m) => m.body)).to.deep.equal(['a', 'b', 'c']);
      const recent = await bobReload.sdk.getRecentChats();
      expect(recent.data![0].chatJid).to.equal(alice.jid);
      expect(bobReload.sdk.core!.connectionState).to.not.equal('connected');
      void connecting;
    } finally {
      await startServer();
    }
  });

  it('messages sent the moment the recipient comes online all arrive (none stranded in offline storage)', async function () {
    this.timeout(60000);
    // Prosody keeps a message that arrives before the recipient's presence in offline storage, and does
    // not hand offline messages to a client that queried the archive: the catch-up after presence must.
    for (let round = 0; round < 5; round++) {
      const alice = await person(null);
      const bob = await person(null);
      for (const text of ['a', 'b', 'c']) await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: text });
      await waitFor(() => bob.messages.length === 3, `round ${round}: all three messages`);
      expect(bob.messages.map((m) => m.body)).to.deep.equal(['a', 'b', 'c']);
    }
  });

  it('a dropped connection resumes the same stream (XEP-0198) and loses nothing sent meanwhile', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const conn = (alice.sdk.core as unknown as { conn: { _proto: { socket: WebSocket }; hasResumed(): boolean } }).conn;
    conn._proto.socket.close(); // the network drops: no stream close, the server keeps the session
    await waitFor(() => alice.sdk.core!.connectionState === 'reconnecting', 'alice to notice');
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'across the drop' });
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'while you were away' });
    await waitFor(() => alice.sdk.core!.connectionState === 'connected', 'alice back');
    expect(conn.hasResumed()).to.equal(true);
    await waitFor(() => bob.messages.some((m) => m.body === 'across the drop'), 'bob to get it');
    await waitFor(() => alice.messages.some((m) => m.body === 'while you were away'), 'alice to get it');
    await sleep(500);
    expect(bob.messages.filter((m) => m.body === 'across the drop').length).to.equal(1);
    expect(alice.messages.filter((m) => m.body === 'while you were away').length).to.equal(1);
  });

  it('catches up from the archive on reconnect, without duplicating offline deliveries', async () => {
    const alice = await person(null);
    const bob = await person(null);
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'm0' });
    await waitFor(() => bob.messages.length === 1, 'first');
    await bob.sdk.disconnect();
    for (let i = 1; i <= 5; i++) await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: `m${i}` });
    await sleep(300);
    const bobBack = await person({ username: bob.username, password: bob.password }, { storagePrefix: bob.storagePrefix });
    await waitFor(() => bobBack.messages.length >= 5, 'catch-up');
    await sleep(1000);
    const history = await wholeHistory(bobBack, alice.jid);
    expect(history.map((m) => m.body)).to.deep.equal(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(bobBack.messages.map((m) => m.body)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5']);
    // Messages bob fetched on his return count as delivered for alice.
    await waitFor(async () => (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.every((m) => m.status === 'delivered'), 'all delivered at alice');
  });
});

describe('bad input gets a clear error', () => {
  it('bad parameters give 400 naming the parameter', async () => {
    const alice = await person(null);
    const cases = await Promise.all([
      alice.sdk.sendTextMessage({ toJid: '', messageText: 'x' }),
      alice.sdk.sendTextMessage({ toJid: 'not a jid', messageText: 'x' }),
      alice.sdk.sendTextMessage({ toJid: 'bob@localhost', messageText: '   ' }),
      alice.sdk.getChatMessages({ toJid: 'bob@localhost', position: 'sideways' as 'up' }),
      alice.sdk.getChatMessages({ toJid: 'bob@localhost', limit: -3 }),
      alice.sdk.getChatMessages({ toJid: 'bob@localhost', position: 'down' }),
      alice.sdk.sendTypingStatus(''),
      alice.sdk.sendTextMessage({ toJid: 'bob@localhost', messageText: 'x', mentionedUsersIds: 'bob' as unknown as string[] }),
    ]);
    expect(cases.map((c) => c.statusCode)).to.deep.equal([400, 400, 400, 400, 400, 400, 400, 400]);
    expect(cases.map((c) => c.message)).to.satisfy((msgs: string[]) =>
      [/toJid/, /toJid/, /messageText/, /position/, /limit/, /lastRowId/, /toJid/, /mentionedUsersIds/].every((re, i) => re.test(msgs[i])));
    expect((await alice.sdk.sendSeenStatus('bob@localhost', 'no-such-id')).statusCode).to.equal(404);
  });

  it('wrong credentials give 401, calls before connecting 401, a switched-off feature 403', async () => {
    const alice = await person(null, { connect: false });
    expect((await alice.sdk.getRecentChats()).statusCode).to.equal(401);
    expect((await alice.sdk.connect(alice.username, 'wrong-password')).statusCode).to.equal(401);
    const quiet = await person(null, { features: { typing: false } });
    const denied = await quiet.sdk.sendTypingStatus('bob@localhost');
    expect(denied.statusCode).to.equal(403);
    expect(denied.message).to.match(/typing/);
  });

  it('registration returns usable credentials and refuses a taken name', async () => {
    const probe = await person(null, { connect: false });
    const name = unique('carol');
    const first = await probe.sdk.register(name, 'secret-1');
    expect(first.statusCode).to.equal(200);
    expect(first.data).to.deep.include({ username: name, password: 'secret-1' });
    const taken = await probe.sdk.register(name, 'secret-2');
    expect(taken.statusCode).to.equal(400);
    expect(taken.message).to.match(/already taken/);
    expect((await probe.sdk.connect(name, 'secret-1')).statusCode).to.equal(200);
  });
});
