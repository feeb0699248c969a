import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for Resend's POST /emails/batch and POST /emails on loopback. Like Resend, it remembers
// idempotency keys: a repeated key gets the first answer back and sends nothing. It can be told how
// to answer the next requests (429 with Retry-After, 500, or a hang after accepting, like a lost
// answer) and holds to a rate limit EXACTLY: a request that arrives when `perSecond` requests have
// already been accepted in the one second before it (a sliding window, by arrival time) gets 429.
// It counts every email it "delivers" by Idempotency-Key and recipient, with its tags and files.

export type Behaviour = 'ok' | 'rate-limit' | 'error' | 'hang-after-accepting';

export interface Delivery {
  id: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
  tags: Record<string, string>;
  attachments: { filename: string; content: string; contentType?: string }[];
}

interface EmailBody {
  to: string[] | string;
  subject: string;
  text: string;
  reply_to?: string[] | string;
  replyTo?: string[] | string;
  tags?: { name: string; value: string }[];
  attachments?: { filename: string; content: string; content_type?: string; contentType?: string }[];
}

export interface FakeResend {
  url: string;
  deliveries: Delivery[];
  /** Every request, with when it arrived (ms since 1970) and how it was answered. */
  requests: { idempotencyKey: string; status: number; at: number; path: string }[];
  /** Answers for the next requests, in order; then 'ok'. */
  next: Behaviour[];
  /** Duplicated deliveries: the same key and recipient delivered more than once. */
  duplicates(): number;
  /** The most requests accepted within any one second. */
  maxAcceptedInOneSecond(): number;
  close(): Promise<void>;
}

export async function startFakeResend({
  port = 0,
  perSecond = Infinity,
  retryAfterSeconds = 1,
} = {}): Promise<FakeResend> {
  const answered = new Map<string, string>();
  const deliveries: Delivery[] = [];
  const requests: FakeResend['requests'] = [];
  const next: Behaviour[] = [];
  const accepted: number[] = [];
  let counter = 0;
  const hanging = new Set<() => void>();

  const server: Server = createServer(async (req, res) => {
    // Arrival is when the request starts, before its body is read: that is what a limit counts.
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = String(req.headers['idempotency-key'] ?? '');
    const path = req.url ?? '';
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ idempotencyKey: key, status, at, path });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || (path !== '/emails/batch' && path !== '/emails')) {
      return answer(404, { name: 'not_found', message: 'Not found', statusCode: 404 });
    }
    if (req.headers.authorization !== 'Bearer test-key') {
      return answer(401, { name: 'invalid_api_key', message: 'API key is invalid', statusCode: 401 });
    }
    const inWindow = accepted.filter((time) => time > at - 1000).length;
    const behaviour = next.shift() ?? 'ok';
    if (behaviour === 'rate-limit' || inWindow >= perSecond) {
      return answer(
        429,
        { name: 'rate_limit_exceeded', message: 'Too many requests', statusCode: 429 },
        { 'retry-after': String(retryAfterSeconds) },
      );
    }
    accepted.push(at);
    while (accepted.length > 1000) accepted.shift();
    if (behaviour === 'error')
      return answer(500, { name: 'internal_server_error', message: 'Something broke', statusCode: 500 });
    const replay = key ? answered.get(key) : undefined;
    if (replay) return answer(200, JSON.parse(replay));
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmailBody[] | EmailBody;
    const emails = [parsed].flat();
    const ids = emails.map(() => `fake-${++counter}`);
    emails.forEach((email, i) => {
      for (const to of [email.to].flat()) {
        const replyTo = [email.reply_to ?? email.replyTo ?? []].flat()[0];
        deliveries.push({
          id: ids[i]!,
          idempotencyKey: key,
          to,
          subject: email.subject,
          text: email.text,
          replyTo,
          tags: Object.fromEntries((email.tags ?? []).map((item) => [item.name, item.value])),
          attachments: (email.attachments ?? []).map((file) => ({
            filename: file.filename,
            content: file.content,
            contentType: file.content_type ?? file.contentType,
          })),
        });
      }
    });
    const data = Array.isArray(parsed) ? { data: ids.map((id) => ({ id })) } : { id: ids[0] };
    if (key) answered.set(key, JSON.stringify(data));
    if (behaviour === 'hang-after-accepting') {
      // Accepted and sent, but the answer never arrives: the client must time out and retry.
      requests.push({ idempotencyKey: key, status: 0, at, path });
      await new Promise<void>((resolve) => hanging.add(resolve));
      res.destroy();
      return;
    }
    answer(200, data);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    deliveries,
    requests,
    next,
    duplicates() {
      const seen = new Map<string, number>();
      for (const delivery of deliveries) {
        const id = `${delivery.idempotencyKey} ${delivery.to}`;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      return [...seen.values()].reduce((sum, count) => sum + (count - 1), 0);
    },
    maxAcceptedInOneSecond() {
      const times = requests
        .filter((r) => r.status === 200 || r.status === 0)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      let most = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        most = Math.max(most, i - j + 1);
      }
      return most;
    },
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
