/** Faults found in a second round of trying issue 7's fixes, with stanzas in the exact shapes other
 * clients send, on the real Prosody. Each test names the behaviour it expects (each failed before its fix). */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import '../../src/components/list/define.js';
import { esc, foreignPerTest, type Foreign } from './foreign.js';
import { peoplePerTest, server, unique, waitFor, widgetsPerTest, type Person } from './helpers.js';

const person = peoplePerTest();
const foreign = foreignPerTest();
const show = widgetsPerTest();

/** Resolves once the server has processed everything `who` sent before (a ping round trip). */
async function settled(who: Foreign): Promise<void> {
  const { domain } = await server();
  await who.iq(`<iq type="get" to="${domain}" id="${unique('ping')}"><ping xmlns="urn:xmpp:ping"/></iq>`);
}

const bodies = async (p: Person, jid: string) => (await p.sdk.getChatMessages({ toJid: jid, limit: 50 })).data!.map((m) => m.body);

/** A chat message as converse.js builds it (conversejs/converse.js src/headless/plugins/chat/model.js,
 * createMessageStanza): type chat, id, body, a receipt request, origin-id; a correction gets a new `id`,
 * a new origin-id of its own, and `<replace id>` naming the original's id (also for a correction of a
 * correction). The markable element is what Dino adds to every chat message with a body
 * (dino/dino xmpp-vala/src/module/xep/0333_chat_markers.vala). */
const converseMessage = (to: string, id: string, body: string, originId: string, replaces?: string) =>
  `<message type="chat" to="${esc(to)}" id="${esc(id)}"><body>${esc(body)}</body>`
  + '<active xmlns="http://jabber.org/protocol/chatstates"/><request xmlns="urn:xmpp:receipts"/>'
  + (replaces ? `<replace xmlns="urn:xmpp:message-correct:0" id="${esc(replaces)}"/>` : '')
  + `<origin-id xmlns="urn:xmpp:sid:0" id="${esc(originId)}"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>`;

describe('found 2: corrections (issue 7 item 9 kind)', () => {
  it('a later correction that arrives by the catch-up wins over an earlier one seen live, even when this device\'s clock runs ahead of the server\'s', async () => {
    // This browser's clock is a minute fast: live messages are dated by it, archived ones by the server.
    const realNow = Date.now;
    Date.now = () => realNow() + 60000;
    try {
      const alice = await person(null);
      const bob = await foreign();
      bob.send(converseMessage(alice.jid, 'cv-1', 'see you at 5', 'cv-o1'));
      await waitFor(async () => (await bodies(alice, bob.jid)).join() === 'see you at 5', 'the original');
      bob.send(converseMessage(alice.jid, 'cv-2', 'see you at 6', 'cv-o2', 'cv-1'));
      await waitFor(async () => (await bodies(alice, bob.jid)).join() === 'see you at 6', 'the first correction, live');
      await alice.sdk.disconnect();
      bob.send(converseMessage(alice.jid, 'cv-3', 'see you at 7', 'cv-o3', 'cv-1'));
      await settled(bob);
      // The page is opened again: the second correction comes with the catch-up.
      const again = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
      await waitFor(async () => (await bodies(again, bob.jid)).join() === 'see you at 7', 'the second correction', 3000).catch(() => undefined);
      expect((await bodies(again, bob.jid)).join()).to.equal('see you at 7');
      expect((await again.sdk.getRecentChats()).data![0].lastMessage?.body).to.equal('see you at 7');
    } finally {
      Date.now = realNow;
    }
  });
});

describe('found 2: right-to-left text (issue 7 item 5 kind)', () => {
  it('an Arabic line after an English line (a reply\'s quote fallback from Dino or Conversations) reads right to left, "!" at its left end', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const { thread } = show(alice.sdk, bob.jid);

    bob.send(converseMessage(alice.jid, 'q-1', 'Hello first', 'q-1'));
    // A XEP-0461 reply with its XEP-0428 quote fallback, as Dino (libdino/src/service/replies.vala,
    // message_body_without_reply_fallback) and Conversations send it: "> quoted\n" before the answer.
    const body = '> Hello first\nمرحبا بالعالم!';
    bob.send(`<message type="chat" to="${alice.jid}" id="q-2"><body>${esc(body)}</body>`
      + `<reply xmlns="urn:xmpp:reply:0" to="${alice.jid}" id="q-1"/>`
      + '<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="14"/></fallback></message>');
    const texts = () => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('.bubble .text')];
    const bubble = await waitFor(() => texts().find((t) => t.textContent!.includes('مرحبا')), 'the reply\'s bubble');
    const text = [...bubble.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && (n as Text).data.includes('م')) as Text;
    const at = (i: number) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect();
    };
    const firstArabic = text.data.indexOf('م');
    // Right to left: the "!" (the last character) is drawn left of the line's first letter.
    expect(at(text.data.length - 1).right <= at(firstArabic).left + 0.5).to.equal(true);
  });
});
