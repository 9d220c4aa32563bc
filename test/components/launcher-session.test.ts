import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import { SDK } from '../../src/sdk/index.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import type { ChatErrorDetail } from '../../src/components/shared/events.js';
import { until } from './fixtures.js';

// The page's SDK, set up for a server that never answers and giving up quickly: the launcher's
// attributes name the same server, so it signs this SDK in. (Each test file has a page of its own.)
const SERVICE = 'ws://127.0.0.1:9/none';

describe('<chat-launcher> signing in', () => {
  before(async () => {
    await SDK.initializeSDK({ service: SERVICE, domain: 'localhost', connectTimeoutMs: 300, reconnectDelaysMs: [60000], storage: () => new MemoryStorage() });
  });
  afterEach(async () => {
    document.querySelectorAll('chat-launcher').forEach((l) => l.remove());
    await SDK.disconnect();
    document.documentElement.removeAttribute('lang');
  });

  it('one failed connect() is one chat-error, with the original message; the notice is for people, in Arabic', async () => {
    const el = await fixture<ChatLauncher>(html`<chat-launcher lang="ar" open storage-prefix="chat-widget"></chat-launcher>`);
    const errors: ChatErrorDetail[] = [];
    el.addEventListener('chat-error', (e) => errors.push(e.detail));
    const failed = await el.connect({ service: SERVICE, domain: 'localhost', username: 'me', password: 'secret' }).then(() => null, (e: unknown) => e);
    expect(failed).to.have.property('statusCode', 408);
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.length).to.equal(1);
    expect(errors[0].statusCode).to.equal(408);
    expect(errors[0].message).to.contain('Could not reach the chat server');
    const notice = await until(() => el.shadowRoot!.querySelector('.notice'), 'the notice');
    expect(notice.textContent).to.equal('تعذّر الوصول إلى خادم الدردشة. ما زلنا نحاول…');
    expect(notice.textContent).not.to.contain('ws://');
  });

  it('after disconnect() a launcher removed and added again does not sign in by itself', async () => {
    const el = await fixture<ChatLauncher>(html`<chat-launcher service=${SERVICE} domain="localhost" username="me" password="secret"></chat-launcher>`);
    // The sign-in gives up (408) and keeps trying in the background; the host signs out.
    await oneEvent(el, 'chat-error');
    expect(el.binding!.connectionState).not.to.equal('disconnected');
    await el.disconnect();
    await until(() => el.binding?.connectionState === 'disconnected', 'signed out');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 200));
    expect(el.binding!.connectionState).to.equal('disconnected');
    expect(SDK.core!.signedOut).to.equal(true);
    // New credentials are a new sign-in.
    el.password = 'another';
    await until(() => el.binding!.connectionState !== 'disconnected', 'signing in again');
  });
});
