export { createAlerter, type AlerterDeps } from './alerter.ts';
export { formatAmount } from './templates.ts';
export { ALERT_SIGNATURE_HEADER, signAlertBody, verifyAlertSignature } from './webhook.ts';
export type { Alert, Alerter, AlertMessage, AlertSink, CustomerTemplate, Severity } from './types.ts';
