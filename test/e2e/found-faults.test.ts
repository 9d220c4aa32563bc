/** Faults found by trying the fixes of issue 7 as a hostile new user would, with foreign clients on the
 * real Prosody. Each test names the behaviour it expects (each failed before its fix). */
import { expect } from '@open-wc/testing';
import { Strophe } from 'strophe.js';
import { foreignPerTest, type Foreign } from './foreign.js';
import { closeBrokenSockets, FaultySocket } from './faulty-socket.js';
import { makePerson, peoplePerTest, server, unique, waitFor, type Person } from './helpers.js';

/** Sockets opened while `silentFromStart` > 0 stop answering from their first frame (a reconnection
 * attempt that reaches a dead NAT entry, a captive portal, a server that accepts and then hangs). */
let silentFromStart = 0;
class SometimesSilent extends FaultySocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    if (silentFromStart > 0) {
      silentFromStart -= 1;
      this.silence();
    }
  }
}
window.WebSocket = SometimesSilent;
afterEach(() => {
  silentFromStart = 0;
  closeBrokenSockets();
});

const person = peoplePerTest();
const foreign = foreignPerTest();

const socketOf = (p: Person) => (p.sdk.core!.conn as unknown as { _proto: { socket: FaultySocket } })._proto.socket;

/** Resolves once the server has processed everything `who` sent before (a ping round trip). */
async function settled(who: Foreign): Promise<void> {
  const { domain } = await server();
  await who.iq(`<iq type="get" to="${domain}" id="${unique('ping')}"><ping xmlns="urn:xmpp:ping"/></iq>`);
}

const bodies = async (p: Person, jid: string) => (await p.sdk.getChatMessages({ toJid: jid, limit: 50 })).data!.map((m) => m.body);

describe('found: markers (issue 7 item 3 kind, XEP-0333 §Requirements)', () => {
  it('no displayed marker for a message that was not markable; a markable one still gets one', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="plain-1"><body>no markers here</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'no markers here'), 'plain');
    expect((await alice.sdk.sendSeenStatus(bob.jid, 'plain-1')).statusCode).to.equal(200);
    bob.send(`<message type="chat" to="${alice.jid}" id="markable-1"><body>mark me</body><markable xmlns="urn:xmpp:chat-markers:0"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'mark me'), 'markable');
    expect((await alice.sdk.sendSeenStatus(bob.jid, 'markable-1')).statusCode).to.equal(200);
    await bob.waitForMessage((m) => m.getElementsByTagName('displayed')[0]?.getAttribute('id') === 'markable-1', 'the marker for the markable one');
    const marked = bob.received.map((m) => m.getElementsByTagName('displayed')[0]?.getAttribute('id')).filter(Boolean);
    expect(marked.join(',')).to.equal('markable-1');
  });
});

describe('found: time (issue 7 item 6 kind)', () => {
  it('a live message whose sender wrote a delay "from" our server domain is dated on arrival, not in 2001', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const { domain } = await server();
    const before = Date.now();
    bob.send(`<message type="chat" to="${alice.jid}" id="old-1"><body>backdated</body>`
      + `<delay xmlns="urn:xmpp:delay" from="${domain}" stamp="2001-01-01T00:00:00Z"/></message>`);
    const got = await waitFor(() => alice.messages.find((m) => m.body === 'backdated'), 'the message');
    expect(got.timestamp >= before).to.equal(true);
    expect((await alice.sdk.getRecentChats()).data![0].timestamp >= before).to.equal(true);
  });
});

describe('found: corrections (issue 7 item 9 kind)', () => {
  it('a correction of a correction read from history before the first correction (a fresh device scrolling up) ends on the last text', async () => {
    const alice = await person(null);
    const bob = await foreign();
    // Older Gajim / converse.js: each correction names the previous one (the live path honours it).
    bob.send(`<message type="chat" to="${alice.jid}" id="A"><body>at 5</body></message>`);
    bob.send(`<message type="chat" to="${alice.jid}" id="B"><body>at 6</body><replace xmlns="urn:xmpp:message-correct:0" id="A"/></message>`);
    bob.send(`<message type="chat" to="${alice.jid}" id="C"><body>at 7</body><replace xmlns="urn:xmpp:message-correct:0" id="B"/></message>`);
    await waitFor(async () => (await bodies(alice, bob.jid)).join() === 'at 7', 'corrected twice, live');
    await alice.sdk.disconnect();
    // A fresh device reading the newest archive entry first (the last correction), then scrolling up.
    const paged = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 1 });
    await waitFor(async () => (await paged.sdk.getRecentChats()).data!.length === 1 || (await bodies(paged, bob.jid)).length > 0, 'synced');
    await waitFor(async () => (await bodies(paged, bob.jid)).length === 1, 'the original read');
    expect((await bodies(paged, bob.jid)).join()).to.equal('at 7');
  });
});

describe('found: liveness (issue 7 item 8 kind)', () => {
  it('a reconnection attempt that gets no answer at all is given up and retried: the widget does not stay "reconnecting"', async function () {
    this.timeout(30000);
    const alice = await person(null, { livenessCheckMs: 300, livenessTimeoutMs: 300, reconnectDelaysMs: [300] });
    const since = alice.connection.length;
    silentFromStart = 1; // the first reconnection attempt reaches nothing
    socketOf(alice).silence();
    await waitFor(() => alice.connection.slice(since).some((c) => c.state === 'reconnecting'), 'the drop to be noticed');
    // About 15 s is the budget the issue gives for noticing a silent connection; give it more.
    await waitFor(() => alice.sdk.core!.connectionState === 'connected', 'connected again', 20000);
  });
});

describe('found: unread on a new device (issue 7 item 1 kind)', () => {
  it('read on a client that sends only XEP-0333 markers (Gajim, Dino): still read after the new device\'s catch-up was cut short and the page reloaded', async function () {
    this.timeout(60000);
    const registered = await makePerson(null, { connect: false });
    const creds = { username: registered.username, password: registered.password, jid: registered.jid };
    const bob = await foreign();
    const gajim = await foreign(creds);
    // More than one catch-up page (250 entries): the marker lands on the newest page.
    for (let i = 1; i <= 255; i++) bob.send(`<message type="chat" to="${creds.jid}" id="n${i}"><body>note ${i}</body><markable xmlns="urn:xmpp:chat-markers:0"/></message>`);
    await settled(bob);
    await gajim.waitForMessage((m) => m.getAttribute('id') === 'n255', 'the last note at gajim');
    gajim.send(`<message type="chat" to="${bob.jid}" id="${unique('d')}"><displayed xmlns="urn:xmpp:chat-markers:0" id="n255"/><store xmlns="urn:xmpp:hints"/></message>`);
    await settled(gajim);
    await gajim.close();

    // The widget's connection goes silent during the catch-up's second page (it never gets an answer).
    const proto = Strophe.Connection.prototype as unknown as { sendIQ: (iq: Element | { tree(): Element }, ...rest: unknown[]) => unknown };
    const realSendIQ = proto.sendIQ;
    let pages = 0;
    proto.sendIQ = function (this: unknown, iq: Element | { tree(): Element }, ...rest: unknown[]) {
      const el = 'tree' in iq ? iq.tree() : iq;
      if ([...el.getElementsByTagName('query')].some((q) => q.getAttribute('xmlns') === 'urn:xmpp:mam:2') && ++pages === 2) {
        const onError = rest[1] as ((e: null) => void) | undefined;
        setTimeout(() => onError?.(null), 500);
        return 'dropped';
      }
      return realSendIQ.call(this, iq, ...rest);
    };
    const storagePrefix = unique('new-device');
    try {
      const device = await person(creds, { storagePrefix });
      await device.sdk.disconnect();
    } finally {
      proto.sendIQ = realSendIQ;
    }
    expect(pages >= 2).to.equal(true);
    // The page is reloaded: same storage, a new session.
    const reloaded = await person(creds, { storagePrefix });
    const chat = (await reloaded.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid);
    expect(chat?.unreadCount).to.equal(0);
  });
});

describe('found: a message that arrives while away is announced (issue 7 item 1 kind)', () => {
  it('an account whose archive was empty at its first sign-in still hears of a message received while it was away', async () => {
    const alice = await person(null);
    const bob = await foreign();
    await alice.sdk.disconnect();
    bob.send(`<message type="chat" to="${alice.jid}" id="${unique('away')}"><body>while you were away</body></message>`);
    await settled(bob);
    expect((await alice.sdk.connect(alice.username, alice.password)).statusCode).to.equal(200);
    await waitFor(() => alice.messages.some((m) => m.body === 'while you were away'), 'the message announced to messageListener');
    expect((await alice.sdk.getRecentChats()).data![0].unreadCount).to.equal(1);
  });
});
