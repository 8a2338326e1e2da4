import { AwsError, isCertainlyUnprocessed } from './aws/client.js';
import { SesV2, type SendEmailInput } from './aws/services.js';
import { inviteMime } from './mime.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailMessage {
  to: string;
  /** the language the mail is written in: sent as Content-Language */
  lang: 'fi' | 'sv' | 'en';
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. Values must be single-line. */
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /**
   * A calendar invitation (iMIP): sent as raw MIME with a text/calendar part
   * inside multipart/alternative, which Outlook needs, and the .ics attached
   * for other clients. Takes the place of `attachments`.
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** Tags to find the mail in SES events (no personal data). */
  tags?: Record<string, string>;
}

/**
 * Sends one email. Domain code depends on this interface only. A failure
 * the mail certainly did not leave on (throttled, no connection) has
 * `notSent: true`; without it the mail may have gone, and sending it again
 * may deliver a second copy.
 */
export interface Mailer {
  send(message: MailMessage, options?: SendOptions): Promise<{ messageId: string }>;
}

export interface SendOptions {
  /**
   * Resolves when the mail may go (a send-rate pacer). Awaited right before
   * each request to the mail service leaves, retries included, so the pace
   * holds where the service counts it: pacing before rendering, serialising
   * and signing let a pause in between (a GC, a busy event loop) bunch sends
   * (a storm's busiest second read 101 at a rate of 100).
   */
  pace?: () => Promise<void>;
}

/** Whether a Mailer's failure is one the mail certainly did not leave on (see Mailer). */
export const isMailNotSent = (err: unknown): boolean => (err as { notSent?: unknown } | undefined)?.notSent === true;

const HEADER_SAFE = /^[\x20-\x7e]*$/;

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SesV2,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(m: MailMessage, options: SendOptions = {}): Promise<{ messageId: string }> {
    const headers = Object.entries({ 'Content-Language': m.lang, ...m.headers }).map(([Name, Value]) => {
      // Header injection guard: a CR/LF in a value could add headers of the attacker's choosing.
      if (!HEADER_SAFE.test(Value) || !HEADER_SAFE.test(Name)) throw new Error(`Unsafe mail header ${Name}`);
      return { Name, Value };
    });
    const envelope = {
      FromEmailAddress: this.from,
      Destination: { ToAddresses: [m.to] },
      ConfigurationSetName: this.configurationSet,
      EmailTags: Object.entries(m.tags ?? {}).map(([Name, Value]) => ({ Name, Value })),
    };
    if (m.calendar) {
      const raw = inviteMime({ from: this.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: Object.fromEntries(headers.map((h) => [h.Name, h.Value])), calendar: m.calendar });
      const out = await this.sendEmail({ ...envelope, Content: { Raw: { Data: new TextEncoder().encode(raw) } } }, options);
      return { messageId: out.MessageId ?? '' };
    }
    const out = await this.sendEmail({
      ...envelope,
      Content: {
        Simple: {
          Subject: { Data: m.subject.replace(/[\r\n]+/g, ' '), Charset: 'UTF-8' },
          Body: { Html: { Data: m.html, Charset: 'UTF-8' }, Text: { Data: m.text, Charset: 'UTF-8' } },
          ...(headers.length ? { Headers: headers } : {}),
          ...(m.attachments?.length
            ? {
                Attachments: m.attachments.map((a) => ({
                  FileName: a.filename,
                  ContentType: a.contentType,
                  RawContent: new TextEncoder().encode(a.content),
                })),
              }
            : {}),
        },
      },
    }, options);
    return { messageId: out.MessageId ?? '' };
  }

  private async sendEmail(input: SendEmailInput, options: SendOptions) {
    try {
      return await this.client.sendEmail(input, options.pace ? { beforeAttempt: options.pace } : undefined);
    } catch (err) {
      if (err instanceof AwsError && isCertainlyUnprocessed(err)) Object.assign(err, { notSent: true });
      throw err;
    }
  }
}
