/** XEP-0313 message archive management with XEP-0059 result set paging. */
import { $iq, type Builder } from 'strophe.js';
import { NS } from './ns.js';
import { attr, child, parseStamp, textOf } from './xml.js';
import { bareJid } from '../model/jid.js';

export interface ArchiveQuery {
  queryId: string;
  /** Only messages exchanged with this bare JID. */
  with?: string;
  /** Only messages archived at or after this time (ms; sent as a XEP-0082 datetime). */
  start?: number;
  /** Page backwards: results just before this archive id; '' means the last page. */
  before?: string;
  /** Page forwards: results just after this archive id. */
  after?: string;
  max: number;
}

export function buildArchiveQuery(q: ArchiveQuery, iqId: string): Builder {
  const iq = $iq({ type: 'set', id: iqId }).c('query', { xmlns: NS.MAM, queryid: q.queryId })
    .c('x', { xmlns: NS.DATA_FORM, type: 'submit' })
    .c('field', { var: 'FORM_TYPE', type: 'hidden' }).c('value').t(NS.MAM).up().up();
  if (q.with) iq.c('field', { var: 'with' }).c('value').t(q.with).up().up();
  if (q.start !== undefined) iq.c('field', { var: 'start' }).c('value').t(new Date(q.start).toISOString()).up().up();
  iq.up().c('set', { xmlns: NS.RSM }).c('max').t(String(q.max)).up();
  if (q.before !== undefined) {
    if (q.before) iq.c('before').t(q.before).up();
    else iq.c('before').up();
  }
  if (q.after) iq.c('after').t(q.after).up();
  return iq;
}

export interface ArchivedMessage {
  queryId: string;
  /** The archive's id of this message (its stanza-id in our archive). */
  archiveId: string;
  /** When the server archived it. */
  timestamp?: number;
  message: Element;
}

/**
 * Reads one archive result. Returns null when the stanza is not a result; throws when it is one we
 * must not trust: it has to come from our own archive (no `from`, or our bare JID) and answer a
 * query we made.
 */
export function readArchivedMessage(stanza: Element, ownBareJid: string, isOurQuery: (id: string) => boolean): ArchivedMessage | null {
  const result = child(stanza, 'result', NS.MAM);
  if (!result) return null;
  const from = attr(stanza, 'from');
  if (from && bareJid(from) !== ownBareJid) throw new Error(`archive result from ${from} is not from our archive`);
  const queryId = attr(result, 'queryid');
  if (!isOurQuery(queryId)) throw new Error(`archive result for unknown query ${queryId || '(none)'}`);
  const forwarded = child(result, 'forwarded', NS.FORWARD);
  const message = child(forwarded, 'message');
  const archiveId = attr(result, 'id');
  if (!message || !archiveId) throw new Error('archive result without a message or an id');
  return { queryId, archiveId, timestamp: parseStamp(attr(child(forwarded, 'delay', NS.DELAY), 'stamp')), message };
}

export interface ArchivePage {
  complete: boolean;
  first?: string;
  last?: string;
  count?: number;
}

export function readArchiveFin(iq: Element): ArchivePage {
  const fin = child(iq, 'fin', NS.MAM);
  const set = child(fin, 'set', NS.RSM);
  const count = textOf(child(set, 'count'));
  return {
    complete: attr(fin, 'complete') === 'true',
    first: textOf(child(set, 'first')) || undefined,
    last: textOf(child(set, 'last')) || undefined,
    count: count ? Number(count) : undefined,
  };
}
