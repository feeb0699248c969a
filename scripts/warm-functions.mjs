// Warm function instances for scripts/serve.mjs. Netlify's dev tools start a fresh worker thread for
// every call and load the whole built function into it: Netlify's bootstrap, then our bundle with
// zod, yaml, Resend and Netlify Blobs, then content/ and its schemas on the first read. Measured at
// a load average of about 20 on 2 cores, that start-up was 0.5 to 1.4 s of every post's 0.9 to 1.9
// s. Deployed, Netlify (AWS Lambda) keeps an instance warm between calls and gives each instance
// one call at a time, so this does the same: each function keeps instances that have loaded its
// current build; a call takes an idle one or starts another; an instance is free again only once
// its call has settled, including work under `context.waitUntil` after the answer. Same built
// code, same bootstrap, same request and response as the dev tools' own worker.
import { createConnection } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { shouldBase64Encode } from '@netlify/dev-utils';

const WORKER_URL = new URL('./function-worker.mjs', import.meta.url);
/** Idle instances kept per function; more are stopped once their call ends. */
const MAX_IDLE = 4;
/** An idle instance is stopped after this long unused, as Netlify lets a warm instance go. */
export const IDLE_MS = 10 * 60_000;

// As @netlify/functions-dev builds the function's event from a web request.
async function lambdaEvent(request, route) {
  const url = new URL(request.url);
  const queryStringParameters = {};
  const multiValueQueryStringParameters = {};
  url.searchParams.forEach((value, key) => {
    queryStringParameters[key] = queryStringParameters[key] ? `${queryStringParameters[key]},${value}` : value;
    multiValueQueryStringParameters[key] = [...(multiValueQueryStringParameters[key] ?? []), value];
  });
  const headers = {};
  const multiValueHeaders = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
    multiValueHeaders[key] = value.split(',').map((part) => part.trim());
  });
  return {
    rawUrl: url.toString(),
    rawQuery: url.search,
    path: url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    body: (await request.text()) || null,
    isBase64Encoded: shouldBase64Encode(request.headers.get('content-type') ?? ''),
    route,
  };
}

// As @netlify/functions-dev turns the function's answer back into a web response.
function webResponse(result) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(result.headers ?? {}))
    if (value !== undefined) headers.set(name.toLowerCase(), String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    for (const value of values) headers.append(name.toLowerCase(), String(value));
  return new Response(result.body, { headers, status: result.statusCode });
}

const streamedBody = (result) =>
  new Promise((resolve, reject) => {
    if (!result.streamPort) return resolve(result);
    const socket = createConnection({ port: result.streamPort, host: 'localhost' }, () =>
      resolve({ ...result, body: socket }),
    );
    socket.on('error', reject);
  });

/** One instance: a worker that has loaded one build of one function. */
class Instance {
  constructor(entryFilePath) {
    this.worker = new Worker(WORKER_URL, { workerData: { entryFilePath } });
    this.worker.unref(); // a forgotten server must not keep Node alive
    this.listener = undefined;
    this.worker.on('message', (message) => this.listener?.(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('The function worker exited')));
    this.ready = new Promise((resolve, reject) => {
      this.listener = (message) => {
        if (message.type !== 'ready') return;
        this.loaded = true;
        resolve();
      };
      this.failed = reject;
    });
    this.ready.catch(() => {});
    this.dead = false;
  }

  fail(error) {
    this.dead = true;
    const failed = this.failed;
    this.failed = undefined;
    failed?.(error);
  }

  /** Runs one call; resolves with the answer; `ended` settles when the call (and its waitUntil) has. */
  async run(data, onEnded) {
    await this.ready;
    return new Promise((resolve, reject) => {
      // Work after the answer is held to the function's timeout too, as deployed.
      const guard = setTimeout(() => this.fail(new Error('The function timed out')), data.timeoutMs + 1000);
      guard.unref();
      const done = onEnded;
      onEnded = (reusable) => {
        clearTimeout(guard);
        done(reusable);
      };
      this.failed = (error) => {
        reject(error);
        onEnded(false);
      };
      this.listener = (message) => {
        if (message.type === 'result') resolve(message.result);
        else if (message.type === 'ended') {
          this.failed = undefined;
          onEnded(!message.failed);
        } else if (message.type === 'error') {
          const error = Object.assign(new Error(message.error.errorMessage), { name: message.error.errorType });
          error.stack = [`${error.name}: ${error.message}`, ...message.error.stackTrace].join('\n');
          this.failed = undefined;
          reject(error);
          onEnded(false);
        }
      };
      this.worker.postMessage(data);
    });
  }

  stop() {
    this.dead = true;
    clearTimeout(this.idleTimer);
    this.worker.terminate().catch(() => {});
  }
}

/** Every instance started here, so a server's close can stop them. */
const instances = new Set();

/**
 * Wraps the dev tools' Node runtime for one function: calls to a v2 function go to a warm instance
 * of its current build (a rebuild after a source change starts fresh instances); anything else goes
 * to the dev tools as before.
 */
export function warmRuntime(runtime) {
  let idle = [];
  let build;
  const start = (buildData, func) => {
    const started = new Instance(pathToFileURL(buildData.buildPath || func.mainFile).href);
    instances.add(started);
    return started;
  };
  const keepIdle = (instance, buildData) => {
    instance.idleTimer = setTimeout(() => release(instance, false, buildData), IDLE_MS);
    instance.idleTimer.unref();
    idle.push(instance);
  };
  const take = (buildData, func) => {
    if (buildData !== build) {
      // A new build: instances holding the old code are not used again.
      for (const instance of idle) instance.stop();
      idle = [];
      build = buildData;
    }
    idle = idle.filter((instance) => !instance.dead);
    // One that has finished loading, else the one started first.
    const instance = idle.findLast((candidate) => candidate.loaded) ?? idle[0];
    if (!instance) return start(buildData, func);
    idle = idle.filter((other) => other !== instance);
    clearTimeout(instance.idleTimer);
    return instance;
  };
  const release = (instance, reusable, buildData) => {
    idle = idle.filter((other) => other !== instance);
    if (!reusable || instance.dead || buildData !== build || idle.length >= MAX_IDLE) {
      instances.delete(instance);
      instance.stop();
      return;
    }
    keepIdle(instance, buildData);
  };
  /**
   * An instance stays busy after its answer, with the work after it (the emails), so a call soon
   * after would find none idle and wait for one to start: whenever a call takes the last idle
   * instance, another is started for the next. The pool grows to what the calls need (at most
   * MAX_IDLE kept), and then no call waits for a start.
   */
  const spare = (buildData, func) => {
    if (buildData === build && !idle.some((instance) => !instance.dead)) keepIdle(start(buildData, func), buildData);
  };
  return {
    ...runtime,
    async invokeFunction(options) {
      const { context, environment, func, request, route, timeout } = options;
      const buildData = await func.getBuildData();
      if (buildData?.runtimeAPIVersion !== 2) return runtime.invokeFunction(options);
      const event = await lambdaEvent(request, route);
      const instance = take(buildData, func);
      spare(buildData, func);
      const result = await instance.run(
        { clientContext: JSON.stringify(context), environment, event, timeoutMs: timeout * 1000 },
        (reusable) => release(instance, reusable, buildData),
      );
      return webResponse(await streamedBody(result));
    },
  };
}

/** Stops every instance (a server closing). Calls still running lose their work after the answer, as before. */
export function stopInstances() {
  for (const instance of instances) instance.stop();
  instances.clear();
}
