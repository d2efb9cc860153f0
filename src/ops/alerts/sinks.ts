/** Builds the sink list from config. The log sink is always present so every alert leaves a trace locally. */
import type { Logger } from '../../log.ts';
import type { AlertSinkConfig } from '../../spec/types.ts';
import { createEmailSink } from './email.ts';
import { createLogSink } from './log.ts';
import { createSlackSink } from './slack.ts';
import type { AlertSink, MailSink } from './types.ts';
import { createWebhookSink } from './webhook.ts';

interface SinkDeps {
  logger: Logger;
  now: () => number;
}

/** One builder per sink type: adding a type to AlertSinkConfig without a builder is a compile error. */
const BUILDERS: {
  [K in AlertSinkConfig['type']]: (c: Extract<AlertSinkConfig, { type: K }>, d: SinkDeps) => AlertSink;
} = {
  slack: (c) => createSlackSink(c.url),
  webhook: (c, d) => createWebhookSink(c.url, c.secret, d.now),
  email: (c) => createEmailSink(c),
  log: (_c, d) => createLogSink(d.logger),
};

function build<T extends AlertSinkConfig>(c: T, d: SinkDeps): AlertSink {
  return (BUILDERS[c.type] as (c: T, d: SinkDeps) => AlertSink)(c, d);
}

export function createSinks(
  configs: readonly AlertSinkConfig[],
  logger: Logger,
  now: () => number,
): AlertSink[] {
  const sinks = configs.map((c) => build(c, { logger, now }));
  if (!sinks.some((s) => s.name === 'log')) sinks.push(createLogSink(logger));
  return sinks;
}

export function isMailSink(s: AlertSink): s is MailSink {
  return typeof (s as Partial<MailSink>).sendMail === 'function';
}
