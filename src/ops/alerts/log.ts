/** The log sink: one structured line per alert, at a level matching its severity. Never fails. */
import type { Logger } from '../../log.ts';
import type { AlertMessage, AlertSink } from './types.ts';

export function createLogSink(logger: Logger): AlertSink {
  return {
    name: 'log',
    async send(m: AlertMessage) {
      const level = m.severity === 'critical' ? 'error' : m.severity === 'warning' ? 'warn' : 'info';
      logger[level]({ alert: m.rule, severity: m.severity, details: m.details }, m.title);
    },
  };
}
