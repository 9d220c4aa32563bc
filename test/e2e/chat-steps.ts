/** Steps shared by the tests of managing chats (clear-sync, found-10): a chat's shown history as one
 * string, whether it has a recent row, and sending texts that the receiver has shown. */
import type { ChatMessage } from '../../src/model/types.js';
import { waitFor, type Person } from './helpers.js';

export const bodies = (list: ChatMessage[]) => list.map((m) => m.body).join('|');

/** The newest 50 messages `p` shows with `chatJid`, as "a|b|c". */
export const history = async (p: Person, chatJid: string) => bodies((await p.sdk.getChatMessages({ toJid: chatJid, limit: 50 })).data!);

export const hasRow = async (p: Person, chatJid: string) => (await p.sdk.getRecentChats()).data!.some((c) => c.chatJid === chatJid);

/** `from` sends each text to `to`, and waits until `to` shows the last one. */
export async function send(from: Person, to: Person, ...texts: string[]): Promise<ChatMessage[]> {
  const sent: ChatMessage[] = [];
  for (const messageText of texts) sent.push((await from.sdk.sendTextMessage({ toJid: to.jid, messageText })).data!);
  const last = sent[sent.length - 1];
  await waitFor(async () => (await history(to, from.jid)).includes(last.body), `${to.username} has "${last.body}"`);
  return sent;
}
