// The tools keep everything in the browser's localStorage, wrapped in a small envelope that says
// which app and tool wrote it and in which version of its data shape. The same envelope is the
// export file format, so one reader checks both. Nothing here touches the network.
import type { ToolsSharedWords } from '../../schemas/tools.ts';
import { fill } from '../../lib/words.ts';

export const APP_ID = 'coaching-scheme-hub';

/** The saved JSON: in localStorage and in exported files. */
export interface Envelope<T = unknown> {
  app: typeof APP_ID;
  tool: string;
  version: number;
  savedAt: string;
  data: T;
}

/** The part of the Web Storage API the store needs, so tests can pass a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Enough of window to hear about saves made in another tab. */
export interface StorageEventSource {
  addEventListener(type: 'storage', listener: (event: { key: string | null }) => void): void;
  removeEventListener(type: 'storage', listener: (event: { key: string | null }) => void): void;
}

/**
 * Any zod schema, classic or zod/mini: the store only calls safeParse. The tool pages use zod/mini
 * for their data because classic zod alone would take most of a page's 30 KB JavaScript budget.
 */
export interface DataSchema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
}

/** The words storage.ts shows (content/tools/shared.yml). */
export type StorageWords = Pick<
  ToolsSharedWords,
  | 'thisFile'
  | 'savedInBrowser'
  | 'notOurs'
  | 'cutShort'
  | 'badVersion'
  | 'newer'
  | 'older'
  | 'notUpdated'
  | 'badEntry'
  | 'badShape'
  | 'unreadable'
  | 'saveUnavailable'
  | 'saveFull'
  | 'saveBlocked'
  | 'saveInvalid'
>;

export interface FormatOptions<T> {
  /** Tool id written into the envelope, like 'planner'. */
  tool: string;
  /** Current version of the data shape; bump it when the shape changes. */
  version: number;
  schema: DataSchema<T>;
  /** Words for the tool in messages, like 'planner' or 'coaching record' (from content/tools/). */
  label?: string;
  /**
   * The messages' words (content/tools/shared.yml). A store whose messages nobody is shown (the forms'
   * saved answers) may leave them out: each message is then the name of its problem, like “notOurs”.
   */
  words?: StorageWords;
  /** Turns data saved by an older version into the current shape (before the schema checks it). */
  migrate?: (data: unknown, fromVersion: number) => unknown;
}

export type ParseResult<T> = { ok: true; data: T; savedAt: string | null } | { ok: false; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const wordsOf = (options: { words?: StorageWords }): StorageWords =>
  options.words ?? (new Proxy({}, { get: (_, name) => String(name) }) as StorageWords);

/** Says where a zod issue sits in a way a person can follow, like “plans › 1 › name”. */
function describeIssue(
  issue: { path: readonly PropertyKey[] } | undefined,
  words: StorageWords,
  subject: string,
): string {
  if (!issue) return fill(words.unreadable, { subject });
  const entry = issue.path.map((part) => (typeof part === 'number' ? String(part + 1) : String(part))).join(' › ');
  return entry ? fill(words.badEntry, { subject, entry }) : fill(words.badShape, { subject });
}

/**
 * Reads an envelope from text: an exported file or a localStorage value. Never throws. `subject`
 * starts each message: “This file” unless given (the store says what is saved in this browser).
 */
export function parseEnvelope<T>(text: string, options: FormatOptions<T>, subject?: string): ParseResult<T> {
  const words = wordsOf(options);
  const tool = options.label ?? options.tool;
  subject ??= words.thisFile;
  const fail = (template: string, values: Record<string, string | number> = {}) => ({
    ok: false as const,
    message: fill(template, { subject, tool, ...values }),
  });
  const notOurs = fail(words.notOurs);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Half a file of ours is damaged; anything else (a PDF, a Word file) simply is not ours.
    return text.includes(`"${APP_ID}"`) ? fail(words.cutShort) : notOurs;
  }
  if (!isRecord(parsed) || parsed.app !== APP_ID || parsed.tool !== options.tool) return notOurs;
  const { version } = parsed;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(words.badVersion);
  }
  if (version > options.version) return fail(words.newer);
  let data: unknown = parsed.data;
  if (version < options.version) {
    if (!options.migrate) {
      return fail(words.older);
    }
    try {
      data = options.migrate(data, version);
    } catch {
      return fail(words.notUpdated, { version });
    }
  }
  const checked = options.schema.safeParse(data);
  if (!checked.success) return { ok: false, message: describeIssue(checked.error.issues[0], words, subject) };
  return { ok: true, data: checked.data, savedAt: typeof parsed.savedAt === 'string' ? parsed.savedAt : null };
}

/** Reads an exported file's text. Same checks as loading; the caller decides what to replace. */
export function parseImport<T>(text: string, options: FormatOptions<T>): ParseResult<T> {
  return parseEnvelope(text, options);
}

/** The text of an export file (or a saved value): pretty JSON so a person can read it. */
export function writeEnvelope<T>(
  data: T,
  options: Pick<FormatOptions<T>, 'tool' | 'version'>,
  now = new Date(),
): string {
  const envelope: Envelope<T> = {
    app: APP_ID,
    tool: options.tool,
    version: options.version,
    savedAt: now.toISOString(),
    data,
  };
  return JSON.stringify(envelope, null, 2);
}

export type LoadResult<T> =
  | { ok: true; data: T; savedAt: Date | null }
  /** Something is saved but cannot be read: `data` is the empty value to show meanwhile. */
  | { ok: false; data: T; message: string };

export type SaveResult = { ok: true; savedAt: Date } | { ok: false; message: string };

export interface ToolStoreOptions<T> extends Omit<FormatOptions<T>, 'tool'> {
  /** Tool id: names the localStorage slot (`coaching-scheme-hub:<key>`) and the envelope's tool. */
  key: string;
  empty: () => T;
  /** Defaults to window.localStorage when the browser allows it. */
  storage?: KeyValueStorage | null;
  /** Defaults to window, to hear saves from other tabs. */
  events?: StorageEventSource | null;
  now?: () => Date;
}

export interface ToolStore<T> {
  readonly storageKey: string;
  /** True after load() found saved data it cannot read; saving is refused until the user acts. */
  readonly blocked: boolean;
  load(): LoadResult<T>;
  /** `overwrite` is for when the user has chosen to replace unreadable saved data (import, start again). */
  save(value: T, options?: { overwrite?: boolean }): SaveResult;
  clear(): void;
  /** Calls back when another tab saves this tool; returns an unsubscribe function. */
  subscribe(listener: (result: LoadResult<T>) => void): () => void;
}

function defaultStorage(): KeyValueStorage | null {
  try {
    // Reading localStorage throws in some privacy modes, so even the lookup is guarded.
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function defaultEvents(): StorageEventSource | null {
  return typeof window === 'undefined' ? null : (window as unknown as StorageEventSource);
}

/** A typed, versioned localStorage slot for one tool. */
export function createToolStore<T>(options: ToolStoreOptions<T>): ToolStore<T> {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const events = options.events === undefined ? defaultEvents() : options.events;
  const now = options.now ?? (() => new Date());
  const storageKey = `${APP_ID}:${options.key}`;
  const format: FormatOptions<T> = { ...options, tool: options.key };
  const words = wordsOf(options);
  let blocked = false;

  const read = (): LoadResult<T> => {
    let text: string | null = null;
    try {
      text = storage?.getItem(storageKey) ?? null;
    } catch {
      text = null;
    }
    if (text === null) return { ok: true, data: options.empty(), savedAt: null };
    const parsed = parseEnvelope(text, format, fill(words.savedInBrowser, { tool: options.label ?? options.key }));
    if (!parsed.ok) return { ok: false, data: options.empty(), message: parsed.message };
    return { ok: true, data: parsed.data, savedAt: parsed.savedAt ? new Date(parsed.savedAt) : null };
  };

  return {
    storageKey,
    get blocked() {
      return blocked;
    },
    load() {
      const result = read();
      blocked = !result.ok;
      return result;
    },
    save(value, { overwrite = false } = {}) {
      if (blocked && !overwrite) return { ok: false, message: words.saveBlocked };
      if (!storage) return { ok: false, message: words.saveUnavailable };
      if (!options.schema.safeParse(value).success) return { ok: false, message: words.saveInvalid };
      const savedAt = now();
      try {
        storage.setItem(storageKey, writeEnvelope(value, format, savedAt));
      } catch {
        return { ok: false, message: words.saveFull };
      }
      blocked = false;
      return { ok: true, savedAt };
    },
    clear() {
      try {
        storage?.removeItem(storageKey);
      } catch {
        // Nothing to remove when storage is unavailable.
      }
      blocked = false;
    },
    subscribe(listener) {
      if (!events) return () => {};
      const onStorage = (event: { key: string | null }) => {
        if (event.key === storageKey || event.key === null) listener(read());
      };
      events.addEventListener('storage', onStorage);
      return () => events.removeEventListener('storage', onStorage);
    },
  };
}

/** What a save-status element can show. */
export interface SaveStatusView {
  saving(): void;
  saved(at: Date): void;
  failed(message: string): void;
}

/** The bits of an element bindSaveStatus touches (an HTMLElement in the browser). */
export interface StatusElement {
  textContent: string | null;
  setAttribute(name: string, value: string): void;
}

const timeOfDay = (at: Date) => `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/**
 * Shows the save state in an element that is also a polite live region (role="status"), so the
 * same words are seen and heard. `data-state` lets the stylesheet mark a failure.
 */
export function bindSaveStatus(
  element: StatusElement,
  words: Pick<ToolsSharedWords, 'saving' | 'savedAt'>,
): SaveStatusView {
  element.setAttribute('role', 'status');
  const show = (state: string, text: string) => {
    element.setAttribute('data-state', state);
    element.textContent = text;
  };
  return {
    saving: () => show('saving', words.saving),
    saved: (at) => show('saved', fill(words.savedAt, { time: timeOfDay(at) })),
    failed: (message) => show('failed', message),
  };
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Autosave {
  /** Call after every change: saves once typing pauses. */
  schedule(): void;
  /** Saves now if a save is waiting (for example when the page is hidden). */
  flush(): void;
  /** Saves now whether or not a save is waiting; returns the result. */
  saveNow(): SaveResult;
}

/** Debounced saving that keeps the status element honest. */
export function createAutosave({
  save,
  status,
  delayMs = 400,
  timers = globalThis as unknown as Timers,
}: {
  save: () => SaveResult;
  status: SaveStatusView;
  delayMs?: number;
  timers?: Timers;
}): Autosave {
  let pending: unknown = null;
  const saveNow = (): SaveResult => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
    const result = save();
    if (result.ok) status.saved(result.savedAt);
    else status.failed(result.message);
    return result;
  };
  return {
    schedule() {
      if (pending === null) status.saving();
      else timers.clearTimeout(pending);
      pending = timers.setTimeout(saveNow, delayMs);
    },
    flush() {
      if (pending !== null) saveNow();
    },
    saveNow,
  };
}
