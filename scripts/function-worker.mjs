// One warm function instance for scripts/warm-functions.mjs: the dev tools' own worker
// (@netlify/functions-dev's worker.js) runs one call and exits; this one loads the built function
// once and then runs one call at a time, as a Netlify (AWS Lambda) instance does once warm.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

// The dev tools' own copies of what their worker uses.
const devTools = createRequire(import.meta.resolve('@netlify/functions-dev'));
const lambdaLocal = devTools('lambda-local');
const sourceMapSupport = devTools('source-map-support');
const isStream = (body) => body !== null && typeof body === 'object' && typeof body.pipe === 'function';

// Status codes that may not carry a body (undici's list, as the dev tools' worker has it).
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

sourceMapSupport.install();
lambdaLocal.getLogger().level = 'alert';

const lambdaFunc = await import(workerData.entryFilePath);
// Netlify's bootstrap imports the function's own module on its first call; load it now, so a new
// instance (a spare, see warm-functions.mjs) is ready before it is given a call. Same URL, so the
// bootstrap's import finds it loaded.
const own = readFileSync(fileURLToPath(workerData.entryFilePath), 'utf8').match(
  /getLambdaHandler\(\s*['"]([^'"]+)['"]/,
)?.[1];
if (own) await import(new URL(own, workerData.entryFilePath).href);

/** A streamed body goes back to the main thread through a loopback socket, as the dev tools do. */
function streamPortFor(result) {
  if (!result || !isStream(result.body)) return Promise.resolve(undefined);
  const { body } = result;
  delete result.body;
  if (NULL_BODY_STATUS.has(result.statusCode)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => body.pipe(socket).on('end', () => server.close()));
    server.on('error', reject);
    server.listen({ port: 0, host: 'localhost' }, () => resolve(server.address().port));
  });
}

const plainError = (error) =>
  error instanceof Error
    ? { errorMessage: error.message, errorType: error.name, stackTrace: error.stack?.split('\n') ?? [] }
    : {
        errorMessage: String(error?.errorMessage ?? error),
        errorType: error?.errorType ?? 'Error',
        stackTrace: error?.stackTrace ?? [],
      };

parentPort.on('message', async ({ clientContext, environment = {}, event, timeoutMs }) => {
  for (const key in environment) process.env[key] = environment[key];
  // The call ends when the handler has settled, including work kept alive with `context.waitUntil`
  // after the answer was streamed; only then may this instance take another call.
  let ended;
  const end = new Promise((resolve) => (ended = resolve));
  try {
    const result = await lambdaLocal.execute({
      clientContext,
      event,
      lambdaFunc,
      region: 'dev',
      timeoutMs,
      verboseLevel: 3,
      onInvocationEnd: (error) => ended(error),
    });
    const streamPort = await streamPortFor(result);
    parentPort.postMessage({ type: 'result', result: { ...result, streamPort } });
    const error = await end;
    parentPort.postMessage({ type: 'ended', failed: Boolean(error) });
  } catch (error) {
    // A failed or timed-out call may leave work running: this instance is not used again.
    parentPort.postMessage({ type: 'error', error: plainError(error) });
  }
});
parentPort.postMessage({ type: 'ready' });
