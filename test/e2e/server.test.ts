/** Smoke test of the test set-up itself: the throwaway Prosody, reached from the page over a raw websocket. */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface ServerInfo {
  service: string;
  bosh: string;
  domain: string;
  httpPort: number;
}

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** Open an XMPP websocket stream and resolve with the first <stream:features/>, or reject. */
function streamFeatures(service: string, domain: string, timeoutMs = 5000): Promise<Element> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(service, 'xmpp');
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error('no stream features in time'));
    }, timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(why));
    };
    ws.onerror = () => fail('websocket error');
    ws.onclose = (e) => fail(`websocket closed (${e.code})`);
    ws.onopen = () => {
      if (ws.protocol !== 'xmpp') fail(`server chose subprotocol "${ws.protocol}"`);
      ws.send(`<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`);
    };
    ws.onmessage = (e) => {
      const doc = new DOMParser().parseFromString(String(e.data), 'text/xml');
      const el = doc.documentElement;
      if (el.localName !== 'features') return; // the <open/> answer comes first
      clearTimeout(timer);
      ws.onclose = null;
      ws.onerror = null;
      ws.send(`<close xmlns="${FRAMING}"/>`);
      ws.close();
      resolve(el);
    };
  });
}

describe('test XMPP server', () => {
  let info: ServerInfo;
  before(async () => {
    info = (await executeServerCommand('xmpp-server-info')) as ServerInfo;
  });

  it('serves the page from a loopback secure context', () => {
    expect(location.hostname).to.equal('127.0.0.2');
    expect(window.isSecureContext).to.equal(true);
  });

  it('describes itself', () => {
    expect(info.domain).to.equal('localhost');
    expect(info.service).to.equal(`ws://localhost:${info.httpPort}/xmpp-websocket`);
    expect(info.bosh).to.equal(`http://localhost:${info.httpPort}/http-bind`);
  });

  it('offers SASL PLAIN and in-band registration over websocket', async () => {
    const features = await streamFeatures(info.service, info.domain);
    const mechanisms = [...features.getElementsByTagNameNS(SASL, 'mechanism')].map((m) => m.textContent);
    expect(mechanisms).to.include('PLAIN');
    expect(features.getElementsByTagNameNS('http://jabber.org/features/iq-register', 'register').length).to.equal(1);
  });

  it('can be stopped and started again', async () => {
    await executeServerCommand('xmpp-server-stop');
    let error: unknown;
    try {
      await streamFeatures(info.service, info.domain, 3000);
    } catch (e) {
      error = e;
    }
    expect(error instanceof Error, 'a websocket to a stopped server must fail').to.equal(true);

    await executeServerCommand('xmpp-server-start');
    const features = await streamFeatures(info.service, info.domain);
    expect(features.getElementsByTagNameNS(SASL, 'mechanisms').length).to.equal(1);
  });

  it('creates accounts on request', async () => {
    const username = `smoke-${Date.now().toString(36)}`;
    const created = (await executeServerCommand('xmpp-create-account', { username, password: 'pw' })) as { jid: string };
    expect(created.jid).to.equal(`${username}@localhost`);
  });
});
