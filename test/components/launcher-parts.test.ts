// The launcher passes up every part of the list and thread inside it: a part added to a template
// but not to exported-parts.ts (or not documented with @csspart) fails here.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import { LIST_PARTS, THREAD_PARTS } from '../../src/components/launcher/exported-parts.js';
import { offlineSdk, until } from './fixtures.js';

interface SourceParts {
  /** The part names set in the templates under src/components/thread (and shared/). */
  thread: string[];
  /** Under src/components/list (and shared/). */
  list: string[];
  /** The @csspart names in custom-elements.json, by tag. */
  manifest: Record<string, string[]>;
}

/** `expected` names missing from `actual`, as one string ('' when none). */
const missing = (expected: readonly string[], actual: readonly string[]) => expected.filter((p) => !actual.includes(p)).join(', ');
const namesIn = (exportparts: string | null) => (exportparts ?? '').split(',').map((p) => p.trim()).filter(Boolean);

describe('<chat-launcher> parts', () => {
  let source: SourceParts;
  before(async () => {
    source = (await executeServerCommand('component-parts')) as SourceParts;
    localStorage.clear();
  });

  it('the source scan finds the parts set in each way the templates set them', () => {
    // part="…", part=${…}, part: '…' (lightbox), node(…, '…') (gallery), the shared avatar.
    expect(missing(['bubble-out', 'caption', 'lightbox-image', 'gallery-more', 'avatar', 'record-time'], source.thread)).to.equal('');
    expect(missing(['row', 'avatar', 'filter'], source.list)).to.equal('');
  });

  it('every part the thread and the list set is passed up, and nothing else', () => {
    expect(missing(source.thread, THREAD_PARTS), 'thread parts the launcher does not pass up').to.equal('');
    expect(missing(THREAD_PARTS, source.thread), 'passed-up names no thread template sets').to.equal('');
    expect(missing(source.list, LIST_PARTS), 'list parts the launcher does not pass up').to.equal('');
    expect(missing(LIST_PARTS, source.list), 'passed-up names no list template sets').to.equal('');
  });

  it('every part is documented with @csspart, on its element and on the launcher', () => {
    const { manifest } = source;
    expect(missing(source.thread, manifest['chat-thread'] ?? []), 'undocumented thread parts').to.equal('');
    expect(missing(manifest['chat-thread'] ?? [], source.thread), 'documented thread parts no template sets').to.equal('');
    expect(missing(source.list, manifest['chat-list'] ?? []), 'undocumented list parts').to.equal('');
    expect(missing([...THREAD_PARTS, ...LIST_PARTS, 'button', 'panel'], manifest['chat-launcher'] ?? []), 'passed-up parts the launcher\'s manifest lacks').to.equal('');
  });

  it('the list and the thread in the panel carry the whole export', async () => {
    const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix="parts" open .sdk=${await offlineSdk()}></chat-launcher>`);
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    expect(missing(LIST_PARTS, namesIn(list.getAttribute('exportparts')))).to.equal('');
    el.openChat('peer@localhost');
    const thread = await until(() => el.shadowRoot!.querySelector('chat-thread'), 'the thread');
    expect(missing(THREAD_PARTS, namesIn(thread.getAttribute('exportparts')))).to.equal('');
  });
});
