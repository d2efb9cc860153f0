/** Builds the sink list from config. The log sink is always present so every alert leaves a trace locally. */
import type { Logger } from '../../log.ts';
import type { AlertSinkConfig } from '../../spec/types.ts';
import { createEmailSink } from './email.ts';
import { createLogSink } from './log.ts';
import { createSlackSink } from './slack.ts';
import type { AlertSink, MailSink } from './types.ts';
import { createWebhookSink } from './webhook.ts';

export function createSinks(configs: readonly AlertSinkConfig[], logger: Logger, now: () => number): AlertSink[] {
  const sinks = configs.map((c): AlertSink => {
    switch (c.type) {
      case 'slack':
        return createSlackSink(c.url);
      case 'webhook':
        return createWebhookSink(c.url, c.secret, now);
      case 'email':
        return createEmailSink(c);
      case 'log':
        return createLogSink(logger);
    }
  });
  if (!sinks.some((s) => s.name === 'log')) sinks.push(createLogSink(logger));
  return sinks;
}

export function isMailSink(s: AlertSink): s is MailSink {
  return typeof (s as Partial<MailSink>).sendMail === 'function';
}
