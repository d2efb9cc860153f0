/** Slack-compatible incoming webhook: `{"text": …}` (also accepted by Mattermost, Rocket.Chat, Teams connectors). */
import { postJson } from './http-post.ts';
import type { AlertMessage, AlertSink } from './types.ts';

export function createSlackSink(url: string): AlertSink {
  return {
    name: 'slack',
    send: (m: AlertMessage) => postJson(url, JSON.stringify({ text: m.text })),
  };
}
