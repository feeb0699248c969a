// Imported first by the admin entry: zod decides at schema construction whether to compile
// parsers with Function(), so jitless must be set before any schema module is evaluated.
// /admin/ then needs no 'unsafe-eval' for zod (Decap itself still does, see docs/cms.md).
import { z } from 'zod';

z.config({ jitless: true });
