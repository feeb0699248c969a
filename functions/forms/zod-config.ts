// zod without its JIT, wherever the form schemas run. Full zod otherwise probes `new Function("")` when
// a schema is built and compiles parsers with it; under the pages' CSP (no 'unsafe-eval') the probe is
// blocked and reported as a violation on every form page. Imported before any schema is built:
// the setting is read when a schema is created. Slower parsing does not matter for forms this size.
import { config } from 'zod/v4/core';

config({ jitless: true });
