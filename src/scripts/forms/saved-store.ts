import { createToolStore, type DataSchema, type ToolStore } from '../tools/storage.ts';
import type { Values } from './values.ts';

// Answers kept in this browser: the tools' versioned envelope under `form:<form id>`. The shape is
// checked by hand (a record of strings and lists of strings), so zod need not load with the page.

const SAVED_VERSION = 1;

const isAnswer = (value: unknown) =>
  typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

export const savedAnswersSchema: DataSchema<Values> = {
  safeParse(data) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return { success: false, error: { issues: [{ path: [] }] } };
    }
    const wrong = Object.entries(data).find(([, value]) => !isAnswer(value));
    return wrong
      ? { success: false, error: { issues: [{ path: [wrong[0]] }] } }
      : { success: true, data: data as Values };
  },
};

/** The form's store, or null where the browser keeps nothing (storage blocked or full). */
export function openSavedAnswers(formId: string): ToolStore<Values> | null {
  try {
    return createToolStore<Values>({
      key: `form:${formId}`,
      version: SAVED_VERSION,
      schema: savedAnswersSchema,
      label: 'saved answers',
      empty: () => ({}),
      events: null,
    });
  } catch {
    return null;
  }
}
