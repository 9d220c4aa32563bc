/** Signing in, out and in again: wrong credentials, a refused account's cache, calls that overlap. */
import { expect } from '@open-wc/testing';
import { peoplePerTest, waitFor } from './helpers.js';

const person = peoplePerTest();

describe('signing in', () => {
  it('a refused sign-in shows nothing of that account\'s cache on this device', async () => {
    const alice = await person(null);
    const bob = await person(null);
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'for alice only' });
    await waitFor(() => alice.messages.some((m) => m.body === 'for alice only'), 'alice to have it');
    await alice.sdk.disconnect();
    // Someone else on this device types alice's name with a wrong password.
    const intruder = await person({ username: alice.username, password: 'guessing' }, { storagePrefix: alice.storagePrefix, connect: false });
    expect((await intruder.sdk.connect(alice.username, 'guessing')).statusCode).to.equal(401);
    expect((await intruder.sdk.getChatMessages({ toJid: bob.jid })).statusCode).to.equal(401);
    expect((await intruder.sdk.getRecentChats()).statusCode).to.equal(401);
    expect(intruder.sdk.binding!.recentChats.length).to.equal(0);
    expect(intruder.sdk.binding!.connectionState).to.equal('authfailed');
    // The right password then opens the same cache.
    expect((await intruder.sdk.connect(alice.username, alice.password)).statusCode).to.equal(200);
    const history = await intruder.sdk.getChatMessages({ toJid: bob.jid });
    expect(history.data!.map((m) => m.body)).to.deep.equal(['for alice only']);
  });

  it('connect() with another password while signed in answers 401 and keeps the session', async () => {
    const alice = await person(null);
    const answer = await alice.sdk.connect(alice.username, 'not-the-password');
    expect(answer.statusCode).to.equal(401);
    expect(alice.sdk.core!.connectionState).to.equal('connected');
    expect((await alice.sdk.connect(alice.username, alice.password)).statusCode).to.equal(200);
  });

  it('disconnect() while connect() is still trying ends that connect at once', async function () {
    this.timeout(10000); // connect() would otherwise wait its whole 20 s connectTimeoutMs
    const alice = await person({ username: 'nobody', password: 'x' }, { connect: false, service: 'ws://127.0.0.1:9/refused' });
    const connecting = alice.sdk.connect(alice.username, alice.password);
    await new Promise((r) => setTimeout(r, 300));
    await alice.sdk.disconnect();
    const answer = await connecting;
    expect(answer.statusCode).to.equal(401);
    expect(answer.message).to.match(/disconnect/);
  });
});
