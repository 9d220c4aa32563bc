/** Faults found by trying to break issue 9's message actions on the real server (each fails until fixed). */
import { expect } from '@open-wc/testing';
import { peoplePerTest, waitFor } from './helpers.js';
import { foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

/** Conversations' XEP-0424 retraction shape (as in delete.test.ts: retract :1, fallback, store hint). */
const retraction = (to: string, id: string, target: string) =>
  `<message type="chat" to="${to}" id="${id}"><retract xmlns="urn:xmpp:message-retract:1" id="${target}"/>`
  + `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>/me retracted a previous message, but it's unsupported by your client.</body>`
  + `<store xmlns="urn:xmpp:hints"/></message>`;

describe('found in issue 9 (message actions)', () => {
  it('a reaction that arrives after its message was deleted for everyone does not show on the deleted message', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="m1"><body>oops</body><origin-id xmlns="urn:xmpp:sid:0" id="m1"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'oops'), 'the message');
    bob.send(retraction(alice.jid, 'r1', 'm1'));
    await waitFor(async () => (await alice.sdk.getChatMessages({ toJid: bob.jid })).data![0]?.retracted === true, 'the retraction');
    // Dino's reaction shape (dino xmpp-vala/src/module/xep/0444_reactions.vala): a late or replayed one.
    bob.send(`<message type="chat" to="${alice.jid}" id="d1"><reactions xmlns="urn:xmpp:reactions:0" id="m1"><reaction>👍</reaction></reactions><store xmlns="urn:xmpp:hints"/></message>`);
    bob.send(`<message type="chat" to="${alice.jid}" id="m2"><body>after</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'after'), 'a later message (the reaction was handled before it)');
    const deleted = (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.find((m) => m.msgId === 'm1')!;
    expect(deleted.retracted).to.equal(true);
    expect(Object.keys(deleted.reactions ?? {}).length, 'reactions on a deleted message').to.equal(0);
  });

  it('a message deleted for me cannot be forwarded (404, like one deleted for everyone), and nothing is sent', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    const sent = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'private' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'private'), 'the message');
    expect((await alice.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: [sent.msgId] })).statusCode).to.equal(200);
    const forwarded = await alice.sdk.forwardMessagesToUser({ toJid: carol.jid, messageIds: [sent.msgId] });
    expect(forwarded.statusCode, 'forwarding a hidden message').to.equal(404);
    expect((await alice.sdk.getChatMessages({ toJid: carol.jid })).data!.length, 'copies in the chat with carol').to.equal(0);
  });

  it('the original of a reply that was deleted for me is gone for this account: getReplyMessage answers 404 (as for a deleted one), not an empty message', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const original = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'hide me' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'hide me'), 'the original');
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'about that', replyMessageId: original.msgId });
    await waitFor(() => alice.messages.some((m) => m.body === 'about that'), 'the reply');
    await alice.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: [original.msgId] });
    const answer = await alice.sdk.getReplyMessage({ replyMessageId: original.msgId });
    expect(answer.statusCode, `getReplyMessage gave ${JSON.stringify(answer.data)?.slice(0, 120)}`).to.equal(404);
    expect(answer.data === null || answer.data === undefined).to.equal(true);
  });

  it('a message deleted for me cannot be starred (it would be an empty favourite)', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const sent = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'gone soon' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'gone soon'), 'the message');
    await alice.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: [sent.msgId] });
    const starred = await alice.sdk.updateFavouriteStatus({ toJid: bob.jid, messageId: sent.msgId, isFavourite: true });
    expect(starred.statusCode === 400 || starred.statusCode === 404, `starring a hidden message answered ${starred.statusCode}`).to.equal(true);
    expect((await alice.sdk.getAllFavouriteMessages()).data!.length, 'favourites').to.equal(0);
  });

  it('an unread message deleted for me no longer counts as unread (the badge points at nothing)', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="u1"><body>spam</body><origin-id xmlns="urn:xmpp:sid:0" id="u1"/></message>`);
    await waitFor(async () => (await alice.sdk.getRecentChats()).data![0]?.unreadCount === 1, 'one unread');
    expect((await alice.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: ['u1'] })).statusCode).to.equal(200);
    expect((await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.length).to.equal(0);
    expect((await alice.sdk.getRecentChats()).data![0]?.unreadCount ?? 0, 'unread after deleting the only unread message').to.equal(0);
  });

  it('a starred message edited afterwards shows its new text in the favourites of a device that has not cached it', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const typo = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'meet at 5' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'meet at 5'), 'the message');
    expect((await alice.sdk.updateFavouriteStatus({ toJid: bob.jid, messageId: typo.msgId, isFavourite: true })).statusCode).to.equal(200);
    expect((await bob.sdk.editMessage({ toJid: alice.jid, messageId: typo.msgId, messageText: 'meet at 6' })).statusCode).to.equal(200);
    await waitFor(async () => (await alice.sdk.getAllFavouriteMessages()).data![0]?.body === 'meet at 6', 'the edit in alice\'s favourites');
    for (const text of ['a', 'b', 'c']) await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: text });
    await waitFor(() => alice.messages.some((m) => m.body === 'c'), 'later messages');
    const fresh = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 1 });
    await waitFor(async () => (await fresh.sdk.getAllFavouriteMessages()).data!.length === 1, 'the favourite on the fresh device');
    expect((await fresh.sdk.getAllFavouriteMessages()).data![0].body).to.equal('meet at 6');
  });

  it('forwarding to the same chat named twice sends one copy (targets are a set, as deleteMessages* treat ids)', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    const sent = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'pass it on' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'pass it on'), 'the message');
    const copies = await alice.sdk.forwardMessagesToMultipleUsers({ toJids: [carol.jid, carol.jid], messageIds: [sent.msgId] });
    expect(copies.statusCode).to.equal(200);
    await waitFor(() => carol.messages.some((m) => m.body === 'pass it on'), 'the copy at carol');
    await alice.sdk.sendTextMessage({ toJid: carol.jid, messageText: 'end' });
    await waitFor(() => carol.messages.some((m) => m.body === 'end'), 'a later message');
    expect(carol.messages.filter((m) => m.body === 'pass it on').length, 'copies at carol').to.equal(1);
  });
});
