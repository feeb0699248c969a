// Mozilla's HTTP Observatory (@mdn/mdn-http-observatory) against the preview server: every scanner
// test that does not need HTTPS passes on each kind of page, and the grade each path gets over HTTPS
// is worked out with the scanner's own scoring. Its two HTTPS-only tests are settled from the
// headers: HSTS by running the scanner's HSTS test on our response as if it came over HTTPS, and
// the HTTP-to-HTTPS redirect, which Netlify itself answers for every site with a certificate.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from './support.ts';

type Output = { result: string; pass: boolean; constructor: { name: string } };
type Requests = {
  hostname: string;
  session: { url: URL } | null;
  resources: { path: string | null };
  responses: { auto: Response_ | null; https: Response_ | null } & Record<string, unknown>;
};
type Response_ = {
  status: number;
  headers: Record<string, string>;
  verified?: boolean;
  httpEquiv?: Map<string, string[]>;
};

const observatory = path.dirname(createRequire(import.meta.url).resolve('@mdn/mdn-http-observatory/package.json'));
// The package ships plain JavaScript without types: its exports are typed by the variables below.
// biome-ignore lint/suspicious/noExplicitAny: untyped module
const load = (file: string): Promise<any> => import(path.join(observatory, 'src', file));

let retrieve: (host: string, options: { httpPort: number; path: string }) => Promise<Requests>;
let ALL_TESTS: ((requests: Requests) => Output)[];
let strictTransportSecurityTest: (requests: Requests) => Output;
let getScoreModifier: (result: string) => number;
let getGradeForScore: (score: number) => { grade: string; score: number };
let MINIMUM_SCORE_FOR_EXTRA_CREDIT: number;
let parseHttpEquivHeaders: (html: string, url: string) => Map<string, string[]>;

const HTTPS_ONLY = new Set(['redirection', 'strict-transport-security']);

beforeAll(async () => {
  // The scanner's install script downloads Chromium's HSTS preload list; the project installs without
  // install scripts (.npmrc), so an empty list stands in: a new site is on nobody's preload list.
  const preload = path.join(observatory, 'conf', 'hsts-preload.json');
  if (!existsSync(preload)) {
    mkdirSync(path.dirname(preload), { recursive: true });
    writeFileSync(preload, '{}');
  }
  // Its 10-second limit per request is for the internet; a function's first call on a busy test
  // machine can take longer. Read when its configuration is first imported, just below.
  process.env.ABORT_TIMEOUT ??= '60000';
  process.env.CLIENT_TIMEOUT ??= '55000';
  ({ retrieve } = await load('retriever/retriever.js'));
  ({ ALL_TESTS } = await load('constants.js'));
  ({ strictTransportSecurityTest } = await load('analyzer/tests/strict-transport-security.js'));
  ({ getScoreModifier, getGradeForScore } = await load('grader/grader.js'));
  ({ MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load('grader/charts.js'));
  ({ parseHttpEquivHeaders } = await load('retriever/utils.js'));
});

/** The scanner's own retrieval of a path from the preview server, over plain HTTP. */
async function scanGet(pagePath: string): Promise<Requests> {
  const { hostname, port } = new URL(baseUrl());
  return retrieve(hostname, { httpPort: Number(port), path: pagePath });
}

/** A page the scanner cannot ask for itself (the answer to a POST): its retrieval with that answer in place. */
async function scanAnswer(pagePath: string, response: Response): Promise<Requests> {
  const requests = await scanGet(pagePath);
  const body = await response.text();
  requests.responses.auto = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    httpEquiv: parseHttpEquivHeaders(body, requests.session!.url.href),
  };
  requests.resources.path = body;
  return requests;
}

/** Grades as scan() does, with the HTTPS-only tests as they come out over HTTPS. */
function grade(requests: Requests) {
  const outputs = ALL_TESTS.map((test) => test(requests));
  const overHttps = strictTransportSecurityTest({
    ...requests,
    responses: { ...requests.responses, https: { ...requests.responses.auto!, verified: true } },
  });
  const results = outputs.map((output) => {
    if (output.constructor.name === 'strict-transport-security') return overHttps;
    // Netlify answers http:// with a 301 to the same https:// address: the scanner's "redirection-to-https".
    if (output.constructor.name === 'redirection') return { ...output, result: 'redirection-to-https', pass: true };
    return output;
  });
  const modifiers = results.map((output) => getScoreModifier(output.result));
  const uncurved = 100 + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0);
  const withCredit = 100 + modifiers.reduce((a, b) => a + b, 0);
  const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved;
  return {
    overHttp: Object.fromEntries(outputs.map((o) => [o.constructor.name, `${o.pass ? 'pass' : 'FAIL'}: ${o.result}`])),
    hsts: `${overHttps.pass ? 'pass' : 'FAIL'}: ${overHttps.result}`,
    ...getGradeForScore(score),
  };
}

function expectEveryHttpTestPasses(report: ReturnType<typeof grade>) {
  const failing = Object.entries(report.overHttp).filter(
    ([name, result]) => !HTTPS_ONLY.has(name) && result.startsWith('FAIL'),
  );
  expect(failing).toEqual([]);
  expect(report.hsts).toBe('pass: hsts-implemented-max-age-at-least-six-months');
}

describe('the HTTP Observatory on the preview server', () => {
  it.for([
    ['/', 'the home page'],
    ['/principles/', 'a guidance page'],
    ['/become-a-coach/', 'a form page'],
    ['/search/', 'search'],
    ['/become-a-coach/sent/EOI-7KQ3-M9TX/', 'a sent page rendered by a function'],
  ])('%s (%s): every test passes and the grade over HTTPS is A+', async ([pagePath]) => {
    const report = grade(await scanGet(pagePath!));
    expectEveryHttpTestPasses(report);
    expect(report.overHttp['content-security-policy']).toBe('pass: csp-implemented-with-no-unsafe-default-src-none');
    expect({ grade: report.grade, score: report.score }).toEqual({ grade: 'A+', score: 120 });
  });

  it('the form page a plain POST gets back with errors (422): every test passes, A+ over HTTPS', async () => {
    const answer = await fetch(new URL('/api/forms/coach-eoi', baseUrl()), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=',
    });
    expect(answer.status).toBe(422);
    const report = grade(await scanAnswer('/become-a-coach/', answer));
    expectEveryHttpTestPasses(report);
    expect({ grade: report.grade, score: report.score }).toEqual({ grade: 'A+', score: 120 });
  });

  it("/admin/: every test passes but the CSP one (Decap needs 'unsafe-eval'), and the grade over HTTPS is A+", async () => {
    const report = grade(await scanGet('/admin/'));
    const { 'content-security-policy': csp, ...others } = report.overHttp;
    expect(csp).toBe('FAIL: csp-implemented-with-unsafe-eval');
    expectEveryHttpTestPasses({ ...report, overHttp: others });
    expect({ grade: report.grade, score: report.score }).toEqual({ grade: 'A+', score: 100 });
  });

  it('/api/health: every test passes and the grade over HTTPS is A+', async () => {
    const report = grade(await scanGet('/api/health'));
    expectEveryHttpTestPasses(report);
    expect({ grade: report.grade, score: report.score }).toEqual({ grade: 'A+', score: 120 });
  });
});
