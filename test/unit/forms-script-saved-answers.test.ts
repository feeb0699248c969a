// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createToolStore, type KeyValueStorage } from '../../src/scripts/tools/storage.ts';
import { formAnswers, isEmpty, keepAnswers, writeAnswers } from '../../src/scripts/forms/saved-answers.ts';
import { savedAnswersSchema } from '../../src/scripts/forms/saved-store.ts';
import type { Values } from '../../src/scripts/forms/values.ts';
import { WORDS, choose, mountPage, tick, type } from './forms-script-support.ts';

const memory = (): KeyValueStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

const storeIn = (storage: KeyValueStorage) =>
  createToolStore<Values>({
    key: 'form:coach-eoi',
    version: 1,
    schema: savedAnswersSchema,
    empty: () => ({}),
    storage,
    events: null,
    now: () => new Date(2026, 11, 3, 9, 30),
  });

describe('reading and writing answers as a plain post sends them', () => {
  let form: HTMLFormElement;
  beforeEach(() => {
    form = mountPage();
  });

  it('reads every question, and not the honeypot or the fill time', () => {
    type('name', 'Sam Reed');
    choose('employer', 'other');
    type('employerOther', 'Riverside Trust');
    tick('contact', 'phone');
    tick('areas', 'Wellbeing');
    tick('agree', 'yes');
    type('startDate-day', '4');
    (form.querySelector('[name="website"]') as HTMLInputElement).value = 'spam';
    (form.querySelector('[data-started]') as HTMLInputElement).value = '123';
    expect(formAnswers(form)).toEqual({
      name: 'Sam Reed',
      employer: 'other',
      employerOther: 'Riverside Trust',
      contact: 'phone',
      areas: ['Wellbeing'],
      agree: 'yes',
      'startDate-day': '4',
      'startDate-month': '',
      'startDate-year': '',
    });
  });

  it('writes answers back into their controls, skipping names the form no longer has', () => {
    writeAnswers(form, {
      name: 'Sam',
      contact: 'email',
      areas: ['Leadership', 'Wellbeing'],
      agree: 'yes',
      'startDate-year': '2027',
      gone: 'x',
    });
    expect(formAnswers(form)).toMatchObject({
      name: 'Sam',
      contact: 'email',
      areas: ['Leadership', 'Wellbeing'],
      agree: 'yes',
      'startDate-year': '2027',
    });
    expect(form.querySelector('[name="gone"]')).toBeNull();
  });

  it('knows an untouched form from one with answers', () => {
    expect(isEmpty(formAnswers(form))).toBe(true);
    type('name', ' ');
    expect(isEmpty(formAnswers(form))).toBe(true);
    tick('areas', 'Leadership');
    expect(isEmpty(formAnswers(form))).toBe(false);
  });
});

describe('answers kept in this browser', () => {
  let form: HTMLFormElement;
  let storage: ReturnType<typeof memory>;
  const announced: string[] = [];
  const cleared = vi.fn();
  const keep = (pageHasErrors = false) =>
    keepAnswers({
      store: storeIn(storage),
      form,
      note: document.querySelector<HTMLElement>('[data-saved-note]')!,
      startedInput: form.querySelector<HTMLInputElement>('[data-started]')!,
      messages: WORDS,
      pageHasErrors,
      announce: (text) => announced.push(text),
      onCleared: cleared,
    });
  const note = () => document.querySelector<HTMLElement>('[data-saved-note]')!;
  const saved = () => JSON.parse(storage.items.get('coaching-scheme-hub:form:coach-eoi') ?? 'null');

  beforeEach(() => {
    vi.useFakeTimers();
    form = mountPage();
    storage = memory();
    announced.length = 0;
    cleared.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('are saved once typing pauses, with the fill time, and the note says so', () => {
    form.querySelector<HTMLInputElement>('[data-started]')!.value = '1700000000000';
    keep();
    expect(note().hidden).toBe(false);
    expect(note().textContent).toBe(`${WORDS.keeping}${WORDS.clearButton}`);
    type('name', 'Sam');
    vi.advanceTimersByTime(299);
    expect(saved()).toBeNull();
    vi.advanceTimersByTime(1);
    expect(saved()).toMatchObject({
      app: 'coaching-scheme-hub',
      tool: 'form:coach-eoi',
      version: 1,
      data: { name: 'Sam', _started: '1700000000000' },
    });
  });

  it('are put back on return, with the first visit’s fill time and a line saying when they were typed', () => {
    keep();
    form.querySelector<HTMLInputElement>('[data-started]')!.value = '1700000000000';
    type('name', 'Sam');
    vi.advanceTimersByTime(300);
    form = mountPage();
    keep();
    expect(form.querySelector<HTMLInputElement>('[name="name"]')!.value).toBe('Sam');
    expect(form.querySelector<HTMLInputElement>('[data-started]')!.value).toBe('1700000000000');
    expect(note().querySelector('p')!.textContent).toBe(
      'We have filled in the answers you typed on 3 December at 09:30.',
    );
  });

  it('are not put back over a page the server sent back with errors', () => {
    keep();
    type('name', 'Sam');
    vi.advanceTimersByTime(300);
    form = mountPage();
    keep(true);
    expect(form.querySelector<HTMLInputElement>('[name="name"]')!.value).toBe('');
    expect(note().querySelector('p')!.hidden).toBe(true);
  });

  it('are cleared by the button, which empties the form but keeps the fill time', () => {
    keep();
    const started = form.querySelector<HTMLInputElement>('[data-started]')!;
    started.value = '42';
    type('name', 'Sam');
    vi.advanceTimersByTime(300);
    note().querySelector('button')!.click();
    expect(saved()).toBeNull();
    expect(form.querySelector<HTMLInputElement>('[name="name"]')!.value).toBe('');
    expect(started.value).toBe('42');
    expect(cleared).toHaveBeenCalledOnce();
    expect(announced).toEqual(['Your saved answers have been cleared.']);
  });

  it('are forgotten once the form is sent, and a save still waiting does not bring them back', () => {
    const kept = keep();
    type('name', 'Sam');
    vi.advanceTimersByTime(300);
    type('name', 'Sam Reed');
    kept.forget();
    vi.advanceTimersByTime(300);
    expect(saved()).toBeNull();
    type('name', 'Sam Reed again');
    vi.advanceTimersByTime(300);
    expect(saved()).toBeNull();
  });

  it('are saved at once when the page is hidden mid-pause', () => {
    keep();
    type('name', 'Sa');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(saved()?.data.name).toBe('Sa');
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });
});
