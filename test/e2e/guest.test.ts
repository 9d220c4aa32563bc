import { expect } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import { server, unique, waitFor } from './helpers.js';

describe('guest mode', () => {
  it('registers an account in-band on the first visit and continues it on the next', async function () {
    this.timeout(30000);
    const { service, domain } = await server();
    const prefix = unique('guest');
    const visit = async () => {
      const launcher = document.createElement('chat-launcher') as ChatLauncher;
      Object.assign(launcher, { service, domain, guest: true, storagePrefix: prefix });
      document.body.append(launcher);
      await waitFor(() => launcher.binding?.connectionState === 'connected', 'the guest to be online');
      const jid = launcher.binding!.account!;
      await launcher.disconnect();
      launcher.remove();
      return jid;
    };
    const first = await visit();
    expect(first).to.match(/^guest-[0-9a-f]+@localhost$/);
    // The visitor comes back: a launcher with the same storage prefix signs in as the same guest.
    const second = await visit();
    expect(second).to.equal(first);
  });
});
