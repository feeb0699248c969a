import { randomUUID } from 'node:crypto';
import type { OutgoingEmail } from './messages.ts';

// A real RFC 5322 message (multipart/alternative, text and HTML, both base64 in UTF-8; inside
// multipart/mixed with the attachments when there are any), so a local .eml file opens in any mail
// program exactly as the email would arrive.

/** RFC 2047 encoded-word for any header text that is not plain ASCII; line breaks can never survive. */
export function encodeHeader(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7E]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}

const base64Lines = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');

export function toEml(
  email: OutgoingEmail,
  { date = new Date(), boundary = `b-${randomUUID()}`, messageId = randomUUID() as string } = {},
): string {
  const headers = [
    `From: ${encodeHeader(email.from)}`,
    `To: ${encodeHeader(email.to)}`,
    ...(email.replyTo ? [`Reply-To: ${encodeHeader(email.replyTo)}`] : []),
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${messageId}@coaching-scheme-hub.local>`,
    `X-Idempotency-Key: ${encodeHeader(email.key)}`,
    'MIME-Version: 1.0',
  ];
  const body =
    `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(email.text)}` +
    `--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(email.html)}` +
    `--${boundary}--\r\n`;
  if (!email.attachments?.length) {
    return `${[...headers, `Content-Type: multipart/alternative; boundary="${boundary}"`].join('\r\n')}\r\n\r\n${body}`;
  }
  const mixed = `m-${boundary}`;
  const files = email.attachments.map(
    (file) =>
      `--${mixed}\r\nContent-Type: ${file.contentType}; name="${file.filename}"\r\n` +
      `Content-Disposition: attachment; filename="${file.filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
      `${file.content.replace(/.{1,76}/g, '$&\r\n')}`,
  );
  return (
    [...headers, `Content-Type: multipart/mixed; boundary="${mixed}"`].join('\r\n') +
    '\r\n\r\n' +
    `--${mixed}\r\nContent-Type: multipart/alternative; boundary="${boundary}"\r\n\r\n${body}` +
    files.join('') +
    `--${mixed}--\r\n`
  );
}
