/** XEP-0106 escaping, character by character: a round trip alone cannot see a character left
 * unescaped (unescaping leaves it as it is), so the escaped forms are asserted themselves. */
import { expect } from '@open-wc/testing';
import { escapeNode, unescapeNode, jidForUser, isBareJid } from '../../src/model/jid.js';
import { createSDK } from '../../src/sdk/index.js';

// XEP-0106 §3.2, table 1.
const TABLE: [string, string][] = [
  [' ', '\\20'], ['"', '\\22'], ['&', '\\26'], ["'", '\\27'], ['/', '\\2f'],
  [':', '\\3a'], ['<', '\\3c'], ['>', '\\3e'], ['@', '\\40'], ['\\', '\\5c'],
];

describe('XEP-0106 escaping', () => {
  it('escapes each character of the table to its sequence, inside a user id', () => {
    for (const [ch, seq] of TABLE) {
      // A lone backslash stays as it is (§4.2): it is escaped only where it would start a sequence.
      const id = ch === '\\' ? 'a\\26b' : `a${ch}b`;
      const escaped = ch === '\\' ? 'a\\5c26b' : `a${seq}b`;
      expect(escapeNode(id), JSON.stringify(id)).to.equal(escaped);
      expect(unescapeNode(escaped), escaped).to.equal(id);
    }
    expect(escapeNode('a\\b')).to.equal('a\\b');
  });

  it('turns a user id with & into a valid address on the configured domain, also through the SDK', async () => {
    const jid = jidForUser('Tom & Jerry', 'example.com');
    expect(jid).to.equal('tom\\20\\26\\20jerry@example.com');
    expect(isBareJid(jid)).to.equal(true);
    const sdk = createSDK();
    await sdk.initializeSDK({ service: 'ws://127.0.0.1:9/unused', domain: 'example.com' });
    expect(sdk.getJid('AT&T')).to.equal('at\\26t@example.com');
  });
});
