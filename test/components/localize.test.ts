import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/components/launcher/define.js';
// The launcher loads <chat-list> and <chat-thread> on demand (list/lazy.ts, thread/lazy.ts); these tests
// look into them at once.
import '../../src/components/list/define.js';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { StoreEvent } from '../../src/model/events.js';
import { offlineClient, providerFor, message, until, PEER, ME } from './fixtures.js';

// One locale is active per page (see src/components/shared/localize.ts): every test here starts with
// the page empty of widget elements, so the first element it adds decides.

async function threadWith(events: StoreEvent[], lang?: string) {
  const client = await offlineClient();
  if (events.length) await client.store!.dispatch(events);
  const host = providerFor(client);
  const thread = document.createElement('chat-thread') as ChatThread;
  if (lang) thread.setAttribute('lang', lang);
  thread.peer = PEER;
  thread.backButton = true;
  host.append(thread);
  return { client, thread, host };
}

const shadow = (el: Element) => el.shadowRoot!;
const placeholder = (thread: ChatThread) => shadow(thread).querySelector('textarea')?.placeholder;
const bubble = (thread: ChatThread, text: string) =>
  [...shadow(thread).querySelectorAll<HTMLElement>('.bubble')].find((b) => b.textContent!.includes(text));
const mine = (i: number, body: string) =>
  message(i, { msgId: `o${i}`, fromJid: ME, toJid: PEER, outgoing: true, status: 'delivered', body, stanzaId: undefined });

describe('the widget in Arabic (and in the language of each message)', () => {
  afterEach(() => {
    document.querySelectorAll('body > div, body > chat-launcher').forEach((d) => d.remove());
    document.documentElement.removeAttribute('lang');
  });

  it('an element with lang="ar" shows its strings in Arabic and turns right to left', async () => {
    const { thread } = await threadWith([message(1)], 'ar');
    await until(() => placeholder(thread) === 'اكتب رسالة', 'the Arabic placeholder');
    expect(shadow(thread).querySelector('.send')!.getAttribute('aria-label')).to.equal('إرسال');
    expect(shadow(thread).querySelector('.back')!.getAttribute('aria-label')).to.equal('العودة إلى المحادثات');
    expect(thread.getAttribute('dir')).to.equal('rtl');
    expect(thread.matches(':dir(rtl)')).to.equal(true);
    // An older day is written out in Arabic (month names), not in the browser's language.
    await until(() => shadow(thread).querySelector('.day')?.textContent?.includes('نوفمبر'), 'an Arabic date');
  });

  it('an empty list in Arabic says so in Arabic', async () => {
    const client = await offlineClient();
    const host = providerFor(client);
    const list = document.createElement('chat-list') as ChatList;
    list.lang = 'ar';
    host.append(list);
    await until(() => shadow(list).querySelector('.empty')?.textContent === 'لا توجد محادثات بعد. ابدأ واحدة من الأعلى.', 'the empty text');
    expect(shadow(list).querySelector<HTMLInputElement>('#filter')!.placeholder).to.equal('ابحث في المحادثات');
    expect(list.getAttribute('dir')).to.equal('rtl');
  });

  it('a refused send is explained in Arabic in the composer; chat-error keeps the original message', async () => {
    const { thread } = await threadWith([message(1)], 'ar');
    const textarea = await until(() => (placeholder(thread) === 'اكتب رسالة' ? shadow(thread).querySelector('textarea') : null), 'the Arabic composer');
    const errors: { statusCode: number; message: string }[] = [];
    thread.addEventListener('chat-error', (e) => errors.push(e.detail));
    textarea.value = 'مرحبا';
    textarea.dispatchEvent(new InputEvent('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    // This client never signed in: 401.
    const alert = await until(() => shadow(thread).querySelector('.composer-error'), 'the error');
    expect(alert.textContent).to.equal('غير متصل. سجّل الدخول لإرسال الرسائل.');
    expect(errors.length).to.equal(1);
    expect(errors[0].statusCode).to.equal(401);
    expect(errors[0].message).to.match(/^Not connected: call connect\(\)/);
  });

  it('in Arabic the thread is mirrored: my bubbles on the left, theirs on the right, the back button at the right', async () => {
    const { thread } = await threadWith([message(1, { body: 'مرحبا' }), mine(2, 'أهلا')], 'ar');
    await until(() => bubble(thread, 'أهلا') && placeholder(thread) === 'اكتب رسالة', 'the bubbles');
    const box = thread.getBoundingClientRect();
    const theirs = bubble(thread, 'مرحبا')!.getBoundingClientRect();
    const ours = bubble(thread, 'أهلا')!.getBoundingClientRect();
    expect(ours.left - box.left).to.be.below(30);
    expect(box.right - theirs.right).to.be.below(30);
    expect(ours.right).to.be.below(theirs.left);
    const back = shadow(thread).querySelector('.back')!.getBoundingClientRect();
    const send = shadow(thread).querySelector('.send')!.getBoundingClientRect();
    const input = shadow(thread).querySelector('textarea')!.getBoundingClientRect();
    expect(back.left).to.be.above(box.left + box.width / 2);
    expect(send.right).to.be.below(input.left + 1);
  });

  it('in an English thread an Arabic message reads right to left and an English one left to right', async () => {
    const { thread } = await threadWith([message(1, { body: 'مرحبا، هل الدراجة جاهزة؟' }), mine(2, 'Yes, tomorrow')], 'en');
    await until(() => bubble(thread, 'tomorrow'), 'the bubbles');
    expect(thread.matches(':dir(ltr)')).to.equal(true);
    const arabic = bubble(thread, 'مرحبا')!.querySelector('.text')!;
    const english = bubble(thread, 'tomorrow')!.querySelector('.text')!;
    expect(arabic.matches(':dir(rtl)')).to.equal(true);
    expect(english.matches(':dir(ltr)')).to.equal(true);
    // The sides still follow the thread: mine on the right in English.
    const box = thread.getBoundingClientRect();
    expect(box.right - bubble(thread, 'tomorrow')!.getBoundingClientRect().right).to.be.below(30);
    // The composer takes the direction of what is typed.
    const textarea = shadow(thread).querySelector('textarea')!;
    textarea.value = 'شكرا';
    textarea.dispatchEvent(new InputEvent('input'));
    await thread.updateComplete;
    expect(textarea.matches(':dir(rtl)')).to.equal(true);
  });

  it('in an English list an Arabic name and preview read right to left, lined up with the list', async () => {
    const sara = 'سارة@localhost';
    const client = await offlineClient();
    await client.store!.dispatch([message(1, { chatJid: sara, fromJid: sara, body: 'شكرا جزيلا' }), mine(2, 'see you')]);
    const host = providerFor(client);
    const list = document.createElement('chat-list') as ChatList;
    list.lang = 'en';
    host.append(list);
    await until(() => shadow(list).querySelectorAll('li').length === 2, 'two rows');
    const [name, preview] = ['.name', '.preview'].map((s) => [...shadow(list).querySelectorAll<HTMLElement>(s)].find((e) => /[\u0600-\u06ff]/.test(e.textContent!))!);
    expect(name.matches(':dir(rtl)')).to.equal(true);
    expect(preview.matches(':dir(rtl)')).to.equal(true);
    expect(getComputedStyle(preview).textAlign).to.equal('left');
    // My own last message: "You:" in the list's language, the message isolated in its own direction.
    const own = [...shadow(list).querySelectorAll<HTMLElement>('.preview')].find((e) => e.textContent!.includes('see you'))!;
    expect(own.matches(':dir(ltr)')).to.equal(true);
    expect(own.querySelector('bdi')!.textContent).to.equal('see you');
  });

  it('without lang the page decides: <html lang="ar-EG"> gives Arabic', async () => {
    document.documentElement.lang = 'ar-EG';
    const { thread } = await threadWith([]);
    await until(() => placeholder(thread) === 'اكتب رسالة', 'the Arabic placeholder');
    expect(thread.getAttribute('dir')).to.equal('rtl');
  });

  it('changing lang switches strings, direction and day names of the bubbles already shown', async () => {
    const { thread } = await threadWith([message(1, { timestamp: Date.now() })], 'en');
    await until(() => shadow(thread).querySelector('.day')?.textContent === 'Today', 'Today');
    expect(thread.getAttribute('dir')).to.equal('ltr');
    thread.lang = 'ar';
    await until(() => placeholder(thread) === 'اكتب رسالة', 'the Arabic placeholder');
    await until(() => shadow(thread).querySelector('.day')?.textContent === 'اليوم', 'اليوم');
    expect(thread.getAttribute('dir')).to.equal('rtl');
  });

  it('one language per page: the first element decides, and one asking for another says so', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const client = await offlineClient();
      const host = providerFor(client);
      const list = document.createElement('chat-list') as ChatList;
      list.lang = 'ar';
      host.append(list);
      const thread = document.createElement('chat-thread') as ChatThread;
      thread.lang = 'en';
      thread.peer = PEER;
      host.append(thread);
      await until(() => placeholder(thread) === 'اكتب رسالة', 'the thread in the list\'s language');
      expect(thread.getAttribute('dir')).to.equal('rtl');
      expect(warnings.some((w) => String(w[0]).includes('one language per page'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it('a launcher in Arabic sits in the bottom-left corner and its list and thread follow its language', async () => {
    const client = await offlineClient();
    await client.store!.dispatch([message(1)]);
    const launcher = document.createElement('chat-launcher') as ChatLauncher;
    launcher.lang = 'ar';
    launcher.sdk = { watch: (w: (b: unknown) => void) => (w(client.binding), () => undefined) } as unknown as ChatLauncher['sdk'];
    launcher.storagePrefix = `localize-${Date.now()}`;
    launcher.open = true;
    document.body.append(launcher);
    const list = await until(() => shadow(launcher).querySelector('chat-list'), 'the list');
    await until(() => shadow(launcher).querySelector('h2')?.textContent === 'المحادثات', 'the Arabic heading');
    const box = launcher.getBoundingClientRect();
    expect(box.left).to.be.below(40);
    const panel = shadow(launcher).querySelector('.panel')!.getBoundingClientRect();
    expect(panel.left).to.be.at.least(0);
    expect(list.matches(':dir(rtl)')).to.equal(true);
    expect(shadow(list).querySelector<HTMLInputElement>('#filter')!.placeholder).to.equal('ابحث في المحادثات');
    // An English launcher keeps the bottom-right corner.
    launcher.lang = 'en';
    await until(() => shadow(launcher).querySelector('h2')?.textContent === 'Chats', 'the English heading');
    expect(window.innerWidth - launcher.getBoundingClientRect().right).to.be.below(40);
  });

  it('on a phone the Arabic launcher\'s panel still takes the whole screen', async () => {
    await setViewport({ width: 390, height: 800 });
    try {
      const client = await offlineClient();
      const launcher = document.createElement('chat-launcher') as ChatLauncher;
      launcher.lang = 'ar';
      launcher.sdk = { watch: (w: (b: unknown) => void) => (w(client.binding), () => undefined) } as unknown as ChatLauncher['sdk'];
      launcher.storagePrefix = `localize-phone-${Date.now()}`;
      launcher.open = true;
      document.body.append(launcher);
      const panel = await until(() => shadow(launcher).querySelector('.panel'), 'the panel');
      await until(() => launcher.matches(':dir(rtl)'), 'right to left');
      const box = panel.getBoundingClientRect();
      expect(box.left).to.equal(0);
      expect(box.width).to.equal(390);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
