/** SMTP sink (nodemailer). Also the only channel that can mail a customer (payment-failed notices). */
import nodemailer from 'nodemailer';
import type { AlertMessage, MailSink } from './types.ts';

/**
 * `smtp://user:pass@host:587` / `smtps://…:465` → transport options with bounded timeouts (a hung SMTP server must
 * not pile up deliveries). Parsed here because nodemailer ignores every other option once given a URL.
 */
export function smtpOptions(smtpUrl: string) {
  const u = new URL(smtpUrl);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('smtpUrl must use smtp: or smtps:');
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username
      ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
      : undefined,
    // Plain smtp: on a non-local host still upgrades with STARTTLS when offered.
    ignoreTLS: u.searchParams.get('ignoreTLS') === 'true',
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
  };
}

export function createEmailSink(cfg: {
  smtpUrl: string;
  from: string;
  to: string[];
}): MailSink & { close(): void } {
  const transport = nodemailer.createTransport(smtpOptions(cfg.smtpUrl));
  const sendMail = async (m: { to: string | string[]; subject: string; text: string }) => {
    await transport.sendMail({ from: cfg.from, to: m.to, subject: m.subject, text: m.text });
  };
  return {
    name: 'email',
    send: (m: AlertMessage) =>
      sendMail({ to: cfg.to, subject: `[uigen-pay ${m.severity}] ${m.title}`, text: m.text }),
    sendMail,
    close: () => transport.close(),
  };
}
