// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncer } from '../../src/scripts/forms/announcer.ts';

describe('announcements', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('empty the live region first, so the same words are heard again', () => {
    const region = document.createElement('div');
    region.textContent = 'Sending your form…';
    const announce = createAnnouncer(region);
    announce('Sending your form…');
    expect(region.textContent).toBe('');
    vi.advanceTimersByTime(50);
    expect(region.textContent).toBe('Sending your form…');
  });
});
