/**
 * Alert contracts. An `Alert` is raised by a rule (hooks, monitors, checkout guard); the `Alerter` dedupes it and
 * hands it to every configured `AlertSink` in the background, retrying failed deliveries.
 */
export type Severity = 'info' | 'warning' | 'critical';

/** What a rule raises. `rule` + `key` identify duplicates (e.g. rule `suspicious_activity`, key = user). */
export interface Alert {
  rule: string;
  key: string;
  severity: Severity;
  title: string;
  /** Context for responders. Redacted and id-masked before any sink sees it. */
  details?: Record<string, unknown>;
}

/** An alert ready to send: redacted, masked and rendered once, shared by every sink. */
export interface AlertMessage {
  rule: string;
  severity: Severity;
  title: string;
  /** Plain-text rendering (Slack, email body, log). */
  text: string;
  details: Record<string, unknown>;
  /** Epoch ms when raised. */
  at: number;
}

/** One delivery channel. `send` throws on failure so the alerter can retry. */
export interface AlertSink {
  /** Stable label for metrics/logs: slack | webhook | email | log. */
  readonly name: string;
  send(m: AlertMessage): Promise<void>;
}

/** A sink that can also mail a customer (only the email sink). */
export interface MailSink extends AlertSink {
  sendMail(m: { to: string; subject: string; text: string }): Promise<void>;
}

export type CustomerTemplate = 'payment_failed';

export interface Alerter {
  /** Never blocks, never throws; delivery is retried in the background; same rule+key within the window is dropped. */
  alert(a: Alert): void;
  /** Sends a templated email to a customer (needs an email sink and `notifyCustomer`); background, never throws. */
  notifyCustomer(to: string, template: CustomerTemplate, vars: Record<string, string>): void;
  /** Resolves when every in-flight delivery (including pending retries) has finished. */
  flush(): Promise<void>;
}
