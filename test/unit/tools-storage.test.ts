import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bindSaveStatus,
  createAutosave,
  createToolStore,
  parseImport,
  writeEnvelope,
  type KeyValueStorage,
  type StorageEventSource,
  type Timers,
} from '../../src/scripts/tools/storage.ts';
import { sharedWords } from './tool-words.ts';

const SAVE_MESSAGES = {
  full: sharedWords.saveFull,
  blocked: sharedWords.saveBlocked,
  unavailable: sharedWords.saveUnavailable,
  invalid: sharedWords.saveInvalid,
};

// A tiny tool shape for the journeys: a list of notes.
const notesSchema = z.object({ notes: z.array(z.object({ text: z.string() })) });
type Notes = z.infer<typeof notesSchema>;
const empty = (): Notes => ({ notes: [] });
const format = { tool: 'notes', version: 2, schema: notesSchema, label: 'notes tool', words: sharedWords };

class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const fixedClock = () => new Date('2026-03-04T09:05:00Z');
const makeStore = (storage: KeyValueStorage | null = new MemoryStorage(), events: StorageEventSource | null = null) =>
  createToolStore<Notes>({
    key: 'notes',
    version: 2,
    schema: notesSchema,
    empty,
    label: 'notes tool',
    words: sharedWords,
    storage,
    events,
    now: fixedClock,
  });

describe('a tool store in localStorage', () => {
  it('starts empty, saves in an envelope and loads the same data back', () => {
    const storage = new MemoryStorage();
    const store = makeStore(storage);
    expect(store.load()).toEqual({ ok: true, data: { notes: [] }, savedAt: null });

    const saved = store.save({ notes: [{ text: 'Agree a budget' }] });
    expect(saved).toEqual({ ok: true, savedAt: fixedClock() });
    expect(JSON.parse(storage.getItem('coaching-scheme-hub:notes')!)).toEqual({
      app: 'coaching-scheme-hub',
      tool: 'notes',
      version: 2,
      savedAt: '2026-03-04T09:05:00.000Z',
      data: { notes: [{ text: 'Agree a budget' }] },
    });
    expect(makeStore(storage).load()).toEqual({
      ok: true,
      data: { notes: [{ text: 'Agree a budget' }] },
      savedAt: fixedClock(),
    });
  });

  it('reports unreadable saved data clearly and refuses to overwrite it until the user chooses to', () => {
    const storage = new MemoryStorage();
    storage.setItem('coaching-scheme-hub:notes', '{"app":"coaching-scheme-hub","tool":"notes","vers');
    const store = makeStore(storage);
    expect(store.load()).toEqual({
      ok: false,
      data: { notes: [] },
      message:
        'The notes tool saved in this browser is damaged: it has been cut short or changed, so it cannot be read',
    });
    expect(store.blocked).toBe(true);
    expect(store.save({ notes: [{ text: 'new' }] })).toEqual({ ok: false, message: SAVE_MESSAGES.blocked });
    expect(storage.getItem('coaching-scheme-hub:notes')).toContain('"vers');

    expect(store.save({ notes: [{ text: 'new' }] }, { overwrite: true }).ok).toBe(true);
    expect(store.blocked).toBe(false);
    expect(store.load()).toMatchObject({ ok: true, data: { notes: [{ text: 'new' }] } });
  });

  it('treats saved data from a newer version as unreadable rather than losing it', () => {
    const storage = new MemoryStorage();
    storage.setItem('coaching-scheme-hub:notes', writeEnvelope({ notes: [], extra: 1 }, { tool: 'notes', version: 3 }));
    const result = makeStore(storage).load();
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('newer version of the notes tool') });
  });

  it('clears the saved data and unblocks saving', () => {
    const storage = new MemoryStorage();
    storage.setItem('coaching-scheme-hub:notes', 'not json');
    const store = makeStore(storage);
    expect(store.load().ok).toBe(false);
    store.clear();
    expect(storage.items.size).toBe(0);
    expect(store.blocked).toBe(false);
    expect(store.save({ notes: [] }).ok).toBe(true);
  });

  it('says so when the browser will not store anything, or storage is full', () => {
    expect(makeStore(null).save({ notes: [] })).toEqual({ ok: false, message: SAVE_MESSAGES.unavailable });
    const full = new MemoryStorage();
    full.failWrites = true;
    expect(makeStore(full).save({ notes: [] })).toEqual({ ok: false, message: SAVE_MESSAGES.full });
  });

  it('refuses to save a value that breaks the schema', () => {
    const store = makeStore();
    expect(store.save({ notes: [{ text: 3 }] } as unknown as Notes)).toEqual({
      ok: false,
      message: SAVE_MESSAGES.invalid,
    });
  });

  it('hears saves made in another tab', () => {
    const storage = new MemoryStorage();
    const listeners: ((event: { key: string | null }) => void)[] = [];
    const events: StorageEventSource = {
      addEventListener: (_type, listener) => listeners.push(listener),
      removeEventListener: (_type, listener) => listeners.splice(listeners.indexOf(listener), 1),
    };
    const store = makeStore(storage, events);
    const heard: unknown[] = [];
    const stop = store.subscribe((result) => heard.push(result.data));
    makeStore(storage).save({ notes: [{ text: 'from the other tab' }] });
    for (const listener of listeners) listener({ key: 'coaching-scheme-hub:notes' });
    for (const listener of listeners) listener({ key: 'something-else' });
    expect(heard).toEqual([{ notes: [{ text: 'from the other tab' }] }]);
    stop();
    expect(listeners).toHaveLength(0);
  });

  it('migrates data saved by an older version', () => {
    const storage = new MemoryStorage();
    storage.setItem('coaching-scheme-hub:notes', writeEnvelope({ lines: ['one'] }, { tool: 'notes', version: 1 }));
    const store = createToolStore<Notes>({
      key: 'notes',
      version: 2,
      schema: notesSchema,
      empty,
      storage,
      events: null,
      migrate: (data) => ({ notes: (data as { lines: string[] }).lines.map((text) => ({ text })) }),
    });
    expect(store.load()).toMatchObject({ ok: true, data: { notes: [{ text: 'one' }] } });
  });
});

describe('importing an exported file', () => {
  const exported = writeEnvelope(
    { notes: [{ text: 'Share with the team' }] },
    { tool: 'notes', version: 2 },
    fixedClock(),
  );

  it('reads back exactly what was exported', () => {
    expect(parseImport(exported, format)).toEqual({
      ok: true,
      data: { notes: [{ text: 'Share with the team' }] },
      savedAt: '2026-03-04T09:05:00.000Z',
    });
  });

  it.each([
    ['a file that is not JSON', '%PDF-1.7 binary', 'This file is not a Coaching Scheme Hub notes tool export'],
    [
      'JSON from another app',
      '{"name":"budget","rows":[]}',
      'This file is not a Coaching Scheme Hub notes tool export',
    ],
    [
      'an export from another tool',
      writeEnvelope({ notes: [] }, { tool: 'readiness', version: 2 }),
      'This file is not a Coaching Scheme Hub notes tool export',
    ],
    [
      'a file cut short',
      exported.slice(0, 60),
      'This file is damaged: it has been cut short or changed, so it cannot be read',
    ],
    [
      'a file from a newer version',
      writeEnvelope({ notes: [] }, { tool: 'notes', version: 7 }),
      'This file was made by a newer version of the notes tool. Reload this page to get the latest version, then try again',
    ],
    [
      'a file from an older version with no way to update it',
      writeEnvelope({ notes: [] }, { tool: 'notes', version: 1 }),
      'This file was made by an older version of the notes tool that this page can no longer read',
    ],
    [
      'a file whose data was edited by hand',
      exported.replace('"Share with the team"', '42'),
      'This file is damaged: the entry “notes › 1 › text” is missing or not valid',
    ],
    [
      'a file with no version',
      exported.replace('"version": 2', '"version": "two"'),
      'This file is damaged: its version number is missing or not valid',
    ],
  ])('explains why it cannot read %s', (_what, text, message) => {
    expect(parseImport(text, format)).toEqual({ ok: false, message });
  });
});

describe('autosave with a visible, announced status', () => {
  function fakeTimers() {
    let next: (() => void) | null = null;
    const timers: Timers = {
      setTimeout: (callback) => {
        next = callback;
        return 1;
      },
      clearTimeout: () => {
        next = null;
      },
    };
    return { timers, run: () => next?.() };
  }
  function fakeElement() {
    const attributes = new Map<string, string>();
    return {
      textContent: '' as string | null,
      attributes,
      setAttribute: (name: string, value: string) => attributes.set(name, value),
    };
  }

  it('shows Saving… while typing, then Saved with the time, in a status region', () => {
    const element = fakeElement();
    const status = bindSaveStatus(element, sharedWords);
    expect(element.attributes.get('role')).toBe('status');
    const { timers, run } = fakeTimers();
    let saves = 0;
    const autosave = createAutosave({
      save: () => {
        saves += 1;
        return { ok: true, savedAt: new Date(2026, 2, 4, 9, 5) };
      },
      status,
      timers,
    });
    autosave.schedule();
    autosave.schedule();
    expect(element.textContent).toBe('Saving…');
    expect(saves).toBe(0);
    run();
    expect(saves).toBe(1);
    expect(element.textContent).toBe('Saved in this browser at 09:05');
    expect(element.attributes.get('data-state')).toBe('saved');
  });

  it('saves at once when flushed, and shows a failure in words', () => {
    const element = fakeElement();
    const { timers } = fakeTimers();
    const autosave = createAutosave({
      save: () => ({ ok: false, message: SAVE_MESSAGES.full }),
      status: bindSaveStatus(element, sharedWords),
      timers,
    });
    autosave.flush();
    expect(element.textContent).toBe('');
    autosave.schedule();
    autosave.flush();
    expect(element.textContent).toBe(SAVE_MESSAGES.full);
    expect(element.attributes.get('data-state')).toBe('failed');
  });
});
