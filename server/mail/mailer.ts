import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /**
   * Erasure: deletes the copies this tool keeps of mails that mention any of `traces` (a name,
   * an address). Mail sent through SMTP has left the tool and keeps no copy here.
   */
  forget(traces: readonly string[]): Promise<void>;
}

/**
 * Mail that could not be sent. Its own kind, so that a mail server out of reach (ECONNREFUSED,
 * a timeout) is reported as mail not sent, never as the store being unavailable.
 */
export class MailNotSent extends Error {
  override readonly name = 'MailNotSent';
}

/**
 * SMTP when SMTP_URL is set; otherwise each message is written to the outbox folder as an
 * .eml file, so a demo works offline and tests can read what was sent.
 */
export function createMailer(options: { smtpUrl?: string; outboxDir: string; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        try {
          await transport.sendMail({ from: options.from, ...mail });
        } catch (error) {
          throw new MailNotSent(`the mail server did not take the message (${(error as Error).message})`, { cause: error });
        }
      },
      async forget() {},
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: options.from, ...mail });
      await fs.mkdir(options.outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
      await fs.writeFile(path.join(options.outboxDir, name), info.message as Buffer, { mode: 0o600 });
    },
    async forget(traces) {
      const names = await fs.readdir(options.outboxDir).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith('.eml'))) {
        const file = path.join(options.outboxDir, name);
        // Quoted-printable bodies break long lines with "=" and a newline, which may fall inside a name.
        const text = (await fs.readFile(file, 'utf8')).replace(/=\r?\n/g, '');
        if (traces.some((trace) => text.includes(trace))) await fs.rm(file, { force: true });
      }
    },
  };
}
