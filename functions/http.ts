// Reading and answering HTTP requests: size limit, content types, origin checks, JSON answers.
import { headersFor, headersForPath } from './security-headers.ts';

/** The largest body any form may send. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Answers = Record<string, string | string[]>;

export type BodyResult =
  | { ok: true; answers: Answers; kind: 'form' | 'json' }
  | { ok: false; status: 400 | 413 | 415; message: string };

/** Reads at most `limit` bytes, so an endless body costs us no more than that. */
export async function readLimited(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array | 'too-large'> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return 'too-large';
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Parses a urlencoded or JSON body into flat answers: strings, and lists of strings for repeated names. */
export async function readAnswers(request: Request): Promise<BodyResult> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    return { ok: false, status: 415, message: 'Send the form as application/x-www-form-urlencoded or application/json' };
  }
  const bytes = await readLimited(request);
  if (bytes === 'too-large') return { ok: false, status: 413, message: 'The form is too large to send' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, message: 'The form could not be read' };
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, message: 'The form could not be read' };
    }
    const answers = fromJson(parsed);
    return answers ? { ok: true, answers, kind: 'json' } : { ok: false, status: 400, message: 'The form could not be read' };
  }
  const answers: Answers = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) add(answers, key, value);
  return { ok: true, answers, kind: 'form' };
}

/** Accepts an object of strings, numbers, booleans and lists of strings; anything else is malformed. */
function fromJson(value: unknown): Answers | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const answers: Answers = Object.create(null);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') answers[key] = item;
    else if (typeof item === 'number' && Number.isFinite(item)) answers[key] = String(item);
    else if (item === true) answers[key] = 'yes';
    else if (item === false || item === null) continue;
    else if (Array.isArray(item) && item.every((entry) => typeof entry === 'string')) answers[key] = item;
    else return undefined;
  }
  return answers;
}

function add(answers: Answers, key: string, value: string) {
  const existing = answers[key];
  if (existing === undefined) answers[key] = value;
  else answers[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/**
 * Cross-site check. Browsers send Sec-Fetch-Site and Origin with every POST, so a forged request from
 * another site is refused by either. A request with neither comes from a non-browser client (curl, a
 * test), which cannot carry a visitor's session anyway, so it is allowed. Origin "null" (sandboxed
 * frames, file: pages) is refused.
 */
export function isCrossSite(request: Request, allowedOrigins: string[]): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site') return true;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const own = new Set([new URL(request.url).origin, ...allowedOrigins.map(originOf).filter(Boolean)]);
  return !own.has(origin);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export interface ErrorItem {
  field: string;
  message: string;
}

/** Later records win, whatever the case of their names (a plain object would send both). */
function merged(...records: Record<string, string>[]): Headers {
  const headers = new Headers();
  for (const record of records) for (const [name, value] of Object.entries(record)) headers.set(name, value);
  return headers;
}

/** JSON, problems and redirects are answers of the API: the /api/* headers, whatever the path. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: merged({ 'content-type': 'application/json; charset=utf-8' }, headersFor('api'), headers),
  });

export const problem = (status: number, message: string, headers: Record<string, string> = {}) =>
  json(status, { errors: [{ field: 'form', message }] }, headers);

/**
 * A page rendered by a function, with the headers of the page it shows: `page` is that page's path
 * (a 422 answer to /api/forms/coach-eoi shows a form page, not an API answer).
 */
export const html = (status: number, body: string, headers: Record<string, string> = {}, page = '/') =>
  new Response(body, {
    status,
    headers: merged({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, headersForPath(page), headers),
  });

export const redirect = (location: string) =>
  new Response(null, { status: 303, headers: merged({ location }, headersFor('api')) });
