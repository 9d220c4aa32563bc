/** XEP-0223 private PEP storage: the stanzas shared by the displayed state, favourites and deletions. */
import { expect } from '@open-wc/testing';
import { xml, ALICE, BOB } from './stanzas.js';
import { buildPrivatePublish, buildPurge, buildRetract, readItemsResult, readPepEvent } from '../../src/protocol/private-pep.js';

const NODE = 'urn:example:favourites:0';
const field = (iq: Element, name: string) => [...iq.getElementsByTagName('field')].find((f) => f.getAttribute('var') === name)?.textContent;

describe('private PEP storage (XEP-0223)', () => {
  it('publishes an item with options that keep the node private, persistent and whole', () => {
    const iq = xml(buildPrivatePublish(NODE, 'm1', (item) => item.c('star', { xmlns: NODE, at: '5' }).up(), 'p1').toString());
    expect(iq.getAttribute('type')).to.equal('set');
    const item = iq.getElementsByTagName('item')[0];
    expect(item.getAttribute('id')).to.equal('m1');
    expect(item.parentElement!.getAttribute('node')).to.equal(NODE);
    expect(item.firstElementChild!.localName).to.equal('star');
    expect(item.firstElementChild!.getAttribute('at')).to.equal('5');
    expect(field(iq, 'FORM_TYPE')).to.equal('http://jabber.org/protocol/pubsub#publish-options');
    expect(field(iq, 'pubsub#access_model')).to.equal('whitelist');
    expect(field(iq, 'pubsub#persist_items')).to.equal('true');
    expect(field(iq, 'pubsub#max_items')).to.equal('max');
  });

  it('retracts with notify and purges as the owner', () => {
    const retract = xml(buildRetract(NODE, 'm1', 'r1').toString()).getElementsByTagName('retract')[0];
    expect(`${retract.getAttribute('node')} ${retract.getAttribute('notify')} ${retract.firstElementChild!.getAttribute('id')}`).to.equal(`${NODE} true m1`);
    const purge = xml(buildPurge(NODE, 'x1').toString()).getElementsByTagName('purge')[0];
    expect(purge.namespaceURI).to.equal('http://jabber.org/protocol/pubsub#owner');
    expect(purge.getAttribute('node')).to.equal(NODE);
  });

  it('reads the items of its node only', () => {
    const result = (node: string) => xml(`<iq xmlns="jabber:client" type="result" id="i1"><pubsub xmlns="http://jabber.org/protocol/pubsub">`
      + `<items node="${node}"><item id="a"><star xmlns="${NODE}"/></item><item id="b"/><item/></items></pubsub></iq>`);
    const items = readItemsResult(result(NODE), NODE);
    expect(items.map((i) => `${i.id}:${i.payload?.localName ?? '-'}`).join()).to.equal('a:star,b:-');
    expect(readItemsResult(result('urn:other'), NODE).length).to.equal(0);
  });

  it('reads published, retracted and purged notifications from our own account only', () => {
    const note = (from: string | null, inner: string) => xml(`<message xmlns="jabber:client" ${from ? `from="${from}"` : ''} to="${ALICE}/web" type="headline">`
      + `<event xmlns="http://jabber.org/protocol/pubsub#event">${inner}</event></message>`);
    const items = `<items node="${NODE}"><item id="a"><star xmlns="${NODE}"/></item><retract id="b"/></items>`;
    const event = readPepEvent(note(ALICE, items), NODE, ALICE)!;
    expect(`${event.items.map((i) => i.id).join()} ${event.retracted.join()} ${event.purged}`).to.equal('a b false');
    expect(readPepEvent(note(null, items), NODE, ALICE)!.items.length).to.equal(1);
    expect(readPepEvent(note(ALICE.toUpperCase(), items), NODE, ALICE)!.items.length).to.equal(1);
    expect(readPepEvent(note(ALICE, `<purge node="${NODE}"/>`), NODE, ALICE)!.purged).to.equal(true);
    expect(() => readPepEvent(note(BOB, items), NODE, ALICE)).to.throw();
    expect(() => readPepEvent(note(`${ALICE}/evil`, items), NODE, ALICE)).to.throw();
    expect(() => readPepEvent(note(BOB, `<purge node="${NODE}"/>`), NODE, ALICE)).to.throw();
    expect(readPepEvent(note(ALICE, '<items node="urn:other"/>'), NODE, ALICE) === null).to.equal(true);
  });
});
