/** Which SDK elements configured by attributes use (the page's own, or one per other account). */
import { expect } from '@open-wc/testing';
import '../../src/components/list/define.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { SDK } from '../../src/sdk/index.js';
import { until } from './fixtures.js';

// Port 9 is refused at once: these elements never sign in, which is all these tests need.
const SERVICE = 'ws://127.0.0.1:9/none';

describe('elements configured by attributes', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('two joining the page together for two accounts do not both take the page SDK', async () => {
    const box = document.createElement('div');
    const [ann, ben] = ['ann', 'ben'].map((username) => Object.assign(document.createElement('chat-list') as ChatList, {
      service: SERVICE, domain: 'claims.example', username, password: 'x', storagePrefix: 'claims',
    }));
    box.append(ann, ben);
    document.body.append(box);
    await until(() => ann.binding && ben.binding, 'both to have a chat');
    // Compared as booleans: the bindings are live objects a test reporter should not try to print.
    expect(ann.binding === ben.binding, 'ann and ben share one chat').to.equal(false);
    expect(ann.binding === SDK.binding, 'the first one takes the page SDK').to.equal(true);
    expect(await until(() => ann.binding!.account, 'ann\'s cache')).to.equal('ann@claims.example');
    expect(await until(() => ben.binding!.account, 'ben\'s cache')).to.equal('ben@claims.example');
  });

  it('a second element for the same account shares its chat', async () => {
    const box = document.createElement('div');
    const lists = [0, 1].map(() => Object.assign(document.createElement('chat-list') as ChatList, {
      service: SERVICE, domain: 'claims.example', username: 'ann', password: 'x', storagePrefix: 'claims',
    }));
    box.append(...lists);
    document.body.append(box);
    await until(() => lists[0].binding && lists[1].binding, 'both to have a chat');
    expect(lists[0].binding === lists[1].binding).to.equal(true);
  });
});
