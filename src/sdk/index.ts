/** The reference API ("single chat"): a thin facade over the core that shapes every answer as
 * `{statusCode, message, data}` and never throws. */
import { ChatClient, type ClientOptions, type HistoryQuery, type TextMessageParams } from '../core/client.js';
import { asResult, badRequest, toResult, unauthorized, type SdkResult } from '../core/result.js';
import type { ChatMessage, FeatureFlags, RecentChat, SdkListeners } from '../core/types.js';

export interface InitializeParams extends Omit<ClientOptions, 'features'> {
  features?: FeatureFlags;
  listeners?: SdkListeners;
}

/** One SDK instance: one account at a time. `createSDK()` makes more (e.g. two people on one page). */
export class ChatSDK {
  private client: ChatClient | null = null;
  private unlisten: (() => void)[] = [];

  /** The core client, for the elements (and hosts that want the store). */
  get core(): ChatClient | null {
    return this.client;
  }

  initializeSDK(params: InitializeParams): Promise<SdkResult<{ domain: string }>> {
    return asResult(async () => {
      if (!params || typeof params !== 'object') throw badRequest('initializeSDK needs {service, domain}');
      if (this.client) await this.client.disconnect();
      for (const off of this.unlisten) off();
      const client = new ChatClient(params);
      const l = params.listeners ?? {};
      this.unlisten = [
        client.events.on('connection', (e) => l.connectionListener?.(e)),
        client.events.on('message', (m) => l.messageListener?.(m)),
        client.events.on('status', (s) => l.messageStatusListener?.(s)),
        client.events.on('typing', (t) => l.typingStatusListener?.(t)),
        client.events.on('recent', (r) => l.recentChatsListener?.(r)),
      ];
      this.client = client;
      return { domain: client.options.domain };
    }, 'SDK initialized');
  }

  private use<T>(work: (client: ChatClient) => Promise<T> | T, message?: string): Promise<SdkResult<T>> {
    return asResult(() => {
      if (!this.client) throw unauthorized('Call initializeSDK({service, domain}) first');
      return work(this.client);
    }, message);
  }

  register(username?: string, password?: string): Promise<SdkResult<{ username: string; password: string; jid: string }>> {
    return this.use((c) => c.register(username, password), 'Registered');
  }

  connect(username: string, password: string): Promise<SdkResult<{ jid: string }>> {
    return this.use((c) => c.connect(username, password), 'Connected');
  }

  disconnect(): Promise<SdkResult<null>> {
    return this.use(async (c) => {
      await c.disconnect();
      return null;
    }, 'Disconnected');
  }

  /** `getJid(userId)` answers synchronously with the JID string, as in the reference. */
  getJid(userId: string): string {
    if (!this.client) throw toResultError(unauthorized('Call initializeSDK({service, domain}) first'));
    try {
      return this.client.getJid(userId);
    } catch (error) {
      throw toResultError(error);
    }
  }

  getRecentChats(): Promise<SdkResult<RecentChat[]>> {
    return this.use((c) => c.recentChats());
  }

  getChatMessages(params: HistoryQuery): Promise<SdkResult<ChatMessage[]>> {
    return this.use((c) => c.messages(params));
  }

  sendTextMessage(params: TextMessageParams): Promise<SdkResult<ChatMessage>> {
    return this.use((c) => c.sendText(params), 'Message queued for sending');
  }

  sendSeenStatus(toUserJid: string, messageId: string): Promise<SdkResult<null>> {
    return this.use(async (c) => {
      await c.sendSeen(toUserJid, messageId);
      return null;
    }, 'Seen status sent');
  }

  sendTypingStatus(toJid: string): Promise<SdkResult<null>> {
    return this.use(async (c) => {
      await c.sendTyping(toJid);
      return null;
    }, 'Typing status sent');
  }

  sendTypingGoneStatus(toJid: string): Promise<SdkResult<null>> {
    return this.use(async (c) => {
      await c.sendTypingGone(toJid);
      return null;
    }, 'Typing gone status sent');
  }
}

/** `getJid` throws the result object, so callers see the same `{statusCode, message}` shape. */
function toResultError(error: unknown): SdkResult<never> & Error {
  const result = toResult(error);
  return Object.assign(new Error(result.message), result);
}

export function createSDK(): ChatSDK {
  return new ChatSDK();
}

/** The default instance, exposed as `window.ChatWidget.SDK` by the script-tag bundle. */
export const SDK = createSDK();
