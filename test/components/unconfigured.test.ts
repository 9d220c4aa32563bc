import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
// The launcher's panel loads <chat-list> on demand (list/lazy.ts); the first test places one itself.
import '../../src/components/list/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { until } from './fixtures.js';

// A page of its own (one per test file): the page's SDK is never initialized here.
describe('an element given no chat', () => {
  const warnings: unknown[][] = [];
  const warn = console.warn;
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
    document.querySelectorAll('chat-launcher, chat-list').forEach((e) => e.remove());
  });

  it('a list says it is not connected and warns the developer once', async function () {
    this.timeout(8000);
    const list = await fixture<ChatList>(html`<chat-list></chat-list>`);
    const banner = await until(() => list.shadowRoot!.querySelector('.status'), 'the status banner');
    expect(banner.textContent).to.equal('Not connected');
    const ours = () => warnings.filter((w) => String(w[0]).includes('<chat-list> has no chat'));
    await until(() => ours().length === 1, 'the warning', 3000);
    // Moved on the page (removed and added again): still one warning.
    const parent = list.parentElement!;
    list.remove();
    parent.append(list);
    await new Promise((r) => setTimeout(r, 1200));
    expect(ours().length).to.equal(1);
  });

  it('an unconfigured launcher\'s panel says it is not connected', async () => {
    const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix="unconfigured" open></chat-launcher>`);
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    const banner = await until(() => list.shadowRoot!.querySelector('.status'), 'the status banner');
    expect(banner.textContent).to.equal('Not connected');
  });
});
