import { expect, oneEvent } from '@open-wc/testing';
import { emit, type ChatEventMap } from '../../src/components/shared/events.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const assertType = <T extends true>(): T | void => undefined;

describe('the events elements send', () => {
  it('reach the page from inside a shadow root, with the detail typed by the event map', async () => {
    const host = document.createElement('div');
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(host);
    const heard = oneEvent(document, 'chat-open');
    const sent = emit(inner, 'chat-open', { jid: 'bob@example.com' });
    const event = (await heard) as ChatEventMap['chat-open'];
    expect(event === sent, 'the event sent is the one heard').to.equal(true);
    expect(event.detail.jid).to.equal('bob@example.com');
    expect(event.cancelable).to.equal(false);
    assertType<Equals<typeof sent, ChatEventMap['chat-open']>>();
    host.remove();
  });

  it('a send can be vetoed by the page', () => {
    const el = document.createElement('div');
    document.body.append(el);
    const veto = (e: ChatEventMap['chat-send']) => e.preventDefault();
    document.addEventListener('chat-send', veto);
    const event = emit(el, 'chat-send', { toJid: 'bob@example.com', text: 'hi' }, { cancelable: true });
    document.removeEventListener('chat-send', veto);
    expect(event.defaultPrevented).to.equal(true);
    el.remove();
  });

  it('a misspelt event name or a wrong detail does not compile', () => {
    const el = document.createElement('div');
    // These lines exist for `tsc --noEmit` (a step of `npm test`): each must be a type error, or the
    // directive above it is itself an error ("unused @ts-expect-error").
    // @ts-expect-error: 'chat-opn' is not an event of ChatEventMap
    emit(el, 'chat-opn', { jid: 'bob@example.com' });
    // @ts-expect-error: chat-open's detail is { jid }, not { peer }
    emit(el, 'chat-open', { peer: 'bob@example.com' });
    // @ts-expect-error: chat-send's detail needs the text too
    emit(el, 'chat-send', { toJid: 'bob@example.com' });
    // The page's listeners get the same types.
    el.addEventListener('chat-unread-change', (_e) => assertType<Equals<typeof _e.detail.count, number>>());
    expect(true).to.equal(true);
  });
});
