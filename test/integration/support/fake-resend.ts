import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for Resend's POST /emails/batch on loopback. Like Resend, it remembers idempotency keys:
// a repeated key gets the first answer back and sends nothing. It can be told how to answer the next
// requests (429 with Retry-After, 500, or a hang after accepting, like a lost answer) and can hold
// to a rate limit. It counts every email it "delivers" by Idempotency-Key and recipient.

export type Behaviour = 'ok' | 'rate-limit' | 'error' | 'hang-after-accepting';

export interface Delivery {
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
}

interface EmailBody {
  to: string[] | string;
  subject: string;
  text: string;
  reply_to?: string[] | string;
  replyTo?: string[] | string;
}

export interface FakeResend {
  url: string;
  deliveries: Delivery[];
  requests: { idempotencyKey: string; status: number }[];
  /** Answers for the next requests, in order; then 'ok'. */
  next: Behaviour[];
  /** Duplicated deliveries: the same key and recipient delivered more than once. */
  duplicates(): number;
  close(): Promise<void>;
}

export async function startFakeResend({ port = 0, perSecond = Infinity, retryAfterSeconds = 1 } = {}): Promise<FakeResend> {
  const answered = new Map<string, string>();
  const deliveries: Delivery[] = [];
  const requests: { idempotencyKey: string; status: number }[] = [];
  const next: Behaviour[] = [];
  const recent: number[] = [];
  let counter = 0;
  const hanging = new Set<() => void>();

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = String(req.headers['idempotency-key'] ?? '');
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ idempotencyKey: key, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/emails/batch') return answer(404, { name: 'not_found', message: 'Not found', statusCode: 404 });
    if (req.headers.authorization !== 'Bearer test-key') {
      return answer(401, { name: 'invalid_api_key', message: 'API key is invalid', statusCode: 401 });
    }
    const now = Date.now();
    while (recent.length && now - recent[0]! >= 1000) recent.shift();
    const behaviour = next.shift() ?? 'ok';
    if (behaviour === 'rate-limit' || recent.length >= perSecond) {
      return answer(429, { name: 'rate_limit_exceeded', message: 'Too many requests', statusCode: 429 }, { 'retry-after': String(retryAfterSeconds) });
    }
    recent.push(now);
    if (behaviour === 'error') return answer(500, { name: 'internal_server_error', message: 'Something broke', statusCode: 500 });
    const replay = key ? answered.get(key) : undefined;
    if (replay) return answer(200, JSON.parse(replay));
    const emails = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmailBody[];
    const data = emails.map(() => ({ id: `fake-${++counter}` }));
    for (const email of emails) {
      for (const to of [email.to].flat()) {
        const replyTo = [email.reply_to ?? email.replyTo ?? []].flat()[0];
        deliveries.push({ idempotencyKey: key, to, subject: email.subject, text: email.text, replyTo });
      }
    }
    if (key) answered.set(key, JSON.stringify({ data }));
    if (behaviour === 'hang-after-accepting') {
      // Accepted and sent, but the answer never arrives: the client must time out and retry.
      requests.push({ idempotencyKey: key, status: 0 });
      await new Promise<void>((resolve) => hanging.add(resolve));
      res.destroy();
      return;
    }
    answer(200, { data });
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
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
