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

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The media type of the body, lower case, without parameters. */
export const contentType = (request: Request) =>
  (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Whether to answer with a page rather than JSON. A browser's own form post (urlencoded or
 * multipart) always gets a page; a JSON body always gets JSON (our script sends JSON and asks for
 * it). Anything else, such as a GET or a text/plain post, gets a page only when it asks for HTML,
 * as browsers do (Accept: text/html,...), so curl and API clients keep the JSON contract.
 */
export function wantsPage(request: Request): boolean {
  const type = contentType(request);
  if (type === 'application/json') return false;
  if (FORM_TYPES.includes(type)) return true;
  return /(^|[,\s])text\/html\b/i.test(request.headers.get('accept') ?? '');
}

/** Parses a urlencoded, multipart or JSON body into flat answers: strings, and lists of strings for repeated names. */
export async function readAnswers(request: Request): Promise<BodyResult> {
  const type = contentType(request);
  if (!FORM_TYPES.includes(type) && type !== 'application/json') {
    return {
      ok: false,
      status: 415,
      message: 'Send the form as application/x-www-form-urlencoded or application/json',
    };
  }
  const bytes = await readLimited(request);
  if (bytes === 'too-large') return { ok: false, status: 413, message: 'The form is too large to send' };
  if (type === 'multipart/form-data') return readMultipart(bytes, request.headers.get('content-type') ?? '');
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
    return answers
      ? { ok: true, answers, kind: 'json' }
      : { ok: false, status: 400, message: 'The form could not be read' };
  }
  const answers: Answers = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) add(answers, key, value);
  return { ok: true, answers, kind: 'form' };
}

/** A multipart form (a form with enctype="multipart/form-data"): its text parts; files are ignored. */
async function readMultipart(bytes: Uint8Array, type: string): Promise<BodyResult> {
  let data: FormData;
  try {
    data = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData();
  } catch {
    return { ok: false, status: 400, message: 'The form could not be read' };
  }
  const answers: Answers = Object.create(null);
  for (const [key, value] of data) if (typeof value === 'string') add(answers, key, value);
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

/** A problem as JSON clients read it: the one error shape (functions/forms/errors.ts). */
export type { FieldError as ErrorItem } from './forms/errors.ts';

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
    headers: merged(
      { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      headersForPath(page),
      headers,
    ),
  });

export const redirect = (location: string) =>
  new Response(null, { status: 303, headers: merged({ location }, headersFor('api')) });
