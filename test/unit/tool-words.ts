import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  plannerToolSchema,
  readinessToolSchema,
  recordToolSchema,
  toolsSharedSchema,
} from '../../src/schemas/tools.ts';

// The tools' words as the build reads them (content/tools/*.yml, checked by their schemas), so the
// unit tests lock the words editors own rather than a copy.
const read = (name: string) => parse(readFileSync(new URL(`../../content/tools/${name}.yml`, import.meta.url), 'utf8'));

export const sharedWords = toolsSharedSchema.parse(read('shared'));
export const readinessWords = readinessToolSchema.parse(read('readiness'));
export const plannerWords = plannerToolSchema.parse(read('planner'));
export const recordWords = recordToolSchema.parse(read('record'));
