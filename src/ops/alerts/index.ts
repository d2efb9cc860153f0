export { type AlerterDeps, createAlerter } from './alerter.ts';
export { formatAmount } from './templates.ts';
export type { Alert, Alerter, AlertMessage, AlertSink, CustomerTemplate, Severity } from './types.ts';
export { ALERT_SIGNATURE_HEADER, signAlertBody, verifyAlertSignature } from './webhook.ts';
