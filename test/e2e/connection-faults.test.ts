/** Connections that break the way networks do: dropped before the server confirmed a message, resumed
 * (XEP-0198) or replaced by a fresh session, or silent without closing. A message still goes exactly
 * once, a dead connection is noticed, and calls waiting on it fail instead of hanging. */
import { expect } from '@open-wc/testing';
import { foreignPerTest, type Foreign } from './foreign.js';
import { closeBrokenSockets, installFaultySockets, type FaultySocket } from './faulty-socket.js';
import { peoplePerTest, sleep, unique, waitFor, type Person } from './helpers.js';

installFaultySockets();
afterEach(() => closeBrokenSockets());

const person = peoplePerTest();
const foreign = foreignPerTest();

interface Internals {
  _proto: { socket: FaultySocket };
  hasResumed(): boolean;
  sm: { state: { id: string } };
}
const internals = (p: Person) => p.sdk.core!.conn as unknown as Internals;
const socketOf = (p: Person) => internals(p)._proto.socket;

/** How many `<message>` stanzas with this id and a body reached the foreign client. */
const copiesAt = (bob: Foreign, id: string) =>
  bob.received.filter((m) => m.getAttribute('id') === id && m.getElementsByTagName('body').length > 0).length;

/** How many copies of a message (by its id) the receiver's archive holds (XEP-0313). */
async function archivedCopies(bob: Foreign, withJid: string, id: string): Promise<number> {
  const queryId = unique('q');
  await bob.iq(`<iq type="set" id="${unique('mam')}"><query xmlns="urn:xmpp:mam:2" queryid="${queryId}">`
    + '<x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field>'
    + `<field var="with"><value>${withJid}</value></field></x></query></iq>`);
  return bob.received.filter((m) => {
    const result = m.getElementsByTagName('result')[0];
    const inner = m.getElementsByTagName('message')[0];
    return result?.getAttribute('queryid') === queryId && inner?.getAttribute('id') === id;
  }).length;
}

/** Waits until a person is back online after a drop (a reconnection was seen, and it is over). */
async function backOnline(p: Person, since: number): Promise<void> {
  await waitFor(() => p.connection.slice(since).some((c) => c.state === 'reconnecting'), 'the drop to be noticed');
  await waitFor(() => p.sdk.core!.connectionState === 'connected', 'back online');
}

/** Closes `p`'s socket the way a network drops it and waits until `p` is back online; whether the
 * stream was resumed (XEP-0198) rather than replaced by a fresh session. */
async function dropAndReconnect(p: Person): Promise<boolean> {
  const since = p.connection.length;
  socketOf(p).reallyClose();
  await backOnline(p, since);
  return internals(p).hasResumed();
}

/** Once `msgId` is confirmed at `alice` and a resend would have had `settleMs` to arrive: bob got it
 * exactly once, live and in his archive. */
async function expectDeliveredOnce(alice: Person, bob: Foreign, msgId: string, settleMs: number, what = 'sent at alice'): Promise<void> {
  await waitFor(() => alice.statuses.some((s) => s.msgId === msgId && s.status === 'sent'), what);
  await sleep(settleMs);
  expect(copiesAt(bob, msgId)).to.equal(1);
  expect(await archivedCopies(bob, alice.jid, msgId)).to.equal(1);
}

describe('a message goes exactly once across a dropped connection', () => {
  it('dropped after the server took the message but before it confirmed: the resumed stream does not send it again', async () => {
    const alice = await person(null);
    const bob = await foreign();
    socketOf(alice).dropIncoming = true; // the server's acknowledgements never arrive
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'once' })).data!;
    await bob.waitForMessage((m) => m.getAttribute('id') === sent.msgId, 'bob to get it');
    expect(await dropAndReconnect(alice)).to.equal(true);
    await expectDeliveredOnce(alice, bob, sent.msgId, 500);
  });

  it('dropped before the message left: the resumed stream sends it once', async () => {
    const alice = await person(null);
    const bob = await foreign();
    socketOf(alice).dropOutgoing = true; // the frame is lost on the way
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'lost on the way' })).data!;
    await sleep(100);
    expect(await dropAndReconnect(alice)).to.equal(true);
    await bob.waitForMessage((m) => m.getAttribute('id') === sent.msgId, 'bob to get it');
    await expectDeliveredOnce(alice, bob, sent.msgId, 500);
  });

  it('the server took the message, and the session could not be resumed: the fresh session does not send it again', async () => {
    const alice = await person(null);
    const bob = await foreign();
    socketOf(alice).dropIncoming = true;
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'archived already' })).data!;
    await bob.waitForMessage((m) => m.getAttribute('id') === sent.msgId, 'bob to get it');
    // The server no longer knows the session (expired, restarted): it answers the resumption with <failed/>.
    internals(alice).sm.state.id = 'no-such-session';
    expect(await dropAndReconnect(alice)).to.equal(false);
    await expectDeliveredOnce(alice, bob, sent.msgId, 800, 'sent at alice (from its archive)');
  });

  it('the server took the message, a reply came after it, and the session could not be resumed: not sent again', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="${unique('hello')}"><body>hello</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'hello'), 'a first message (an archive position)');
    // Only the confirmations are lost: the server's acknowledgements and iq answers.
    socketOf(alice).dropIncomingWhen = (frame) => frame.startsWith('<a ') || frame.startsWith('<iq');
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'then a reply' })).data!;
    await bob.waitForMessage((m) => m.getAttribute('id') === sent.msgId, 'bob to get it');
    // Bob answers: alice's archive position moves past her own unconfirmed message.
    bob.send(`<message type="chat" to="${alice.jid}" id="${unique('reply')}"><body>got it</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'got it'), 'the reply live');
    await sleep(300);
    internals(alice).sm.state.id = 'no-such-session';
    expect(await dropAndReconnect(alice)).to.equal(false);
    await expectDeliveredOnce(alice, bob, sent.msgId, 800, 'sent at alice (from its archive)');
  });
});

describe('a connection that stops answering', () => {
  it('is noticed, shows reconnecting, comes back, and the message written meanwhile goes once', async () => {
    const alice = await person(null, { livenessCheckMs: 300, livenessTimeoutMs: 300, requestTimeoutMs: 60000 });
    const bob = await foreign();
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'before' });
    await bob.waitForMessage((m) => m.getElementsByTagName('body')[0]?.textContent === 'before', 'the first message');
    // Idle but alive: the checks are answered and nothing happens.
    let since = alice.connection.length;
    await sleep(1500);
    expect(alice.connection.length - since).to.equal(0);
    since = alice.connection.length;
    socketOf(alice).silence();
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'into the void' })).data!;
    // A history call waiting on the dead connection fails with a clear error instead of hanging.
    const history = await alice.sdk.getChatMessages({ toJid: bob.jid, limit: 50 });
    expect(history.statusCode).to.equal(408);
    expect(history.message).to.match(/connection/i);
    await backOnline(alice, since);
    const reconnecting = alice.connection.slice(since).find((c) => c.state === 'reconnecting')!;
    expect(reconnecting.reason).to.match(/stopped answering/);
    await bob.waitForMessage((m) => m.getAttribute('id') === sent.msgId, 'the message written meanwhile');
    await expectDeliveredOnce(alice, bob, sent.msgId, 500);
  });
});
