import type { Page } from 'playwright-core';

// What axe cannot see: reflow (WCAG 1.4.10) and focus hidden behind sticky or fixed parts of the page
// (WCAG 2.4.11). Used by layout.test.ts on every page and on the forms' and tools' other states.

/** Screens the layout tests use. 200% zoom of a 1280 × 800 screen is 640 × 400 CSS pixels at device scale 2. */
export const SCREENS = {
  /** WCAG 1.4.10: content reflows at 320 CSS px wide (400% zoom of a 1280 px screen). */
  narrow: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  /** 200% zoom of a 1280 × 800 screen. */
  zoomed: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  /** A laptop at 100%, where the coaching record's save status is sticky. */
  laptop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
} as const;

/**
 * How far the document is wider than the viewport, with the elements that stick out, so a failure
 * names what to fix. An empty list means nothing scrolls sideways.
 */
export function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''}`;
    const wide = [...document.body.querySelectorAll('*')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > width + 0.5 && !element.closest('.visually-hidden');
    });
    // Only the outermost offenders: their children stick out because they do.
    const outermost = wide.filter(
      (element) =>
        !wide.some(
          (other) =>
            other !== element &&
            other.contains(element) &&
            other.getBoundingClientRect().right >= element.getBoundingClientRect().right,
        ),
    );
    return [
      `document is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`,
      ...outermost
        .slice(0, 5)
        .map((element) => `${describe(element)} reaches ${Math.round(element.getBoundingClientRect().right)} px`),
    ];
  });
}

/** The focused element, and any sticky or fixed element that overlaps it (in CSS px of the viewport). */
function focusCoverage(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return { name: null, id: 0, covered: [] as string[] };
    // Each element gets a number the first time it has focus; scripts that redraw a part of the page
    // make new elements, which get new numbers, so only a real wrap round repeats one.
    const store = window as unknown as { __focusIds?: WeakMap<Element, number>; __focusNext?: number };
    store.__focusIds ??= new WeakMap();
    const ids = store.__focusIds;
    if (!ids.has(active)) {
      store.__focusNext = (store.__focusNext ?? 0) + 1;
      ids.set(active, store.__focusNext);
    }
    const id = ids.get(active)!;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''}`;
    const box = active.getBoundingClientRect();
    const covered = [...document.body.querySelectorAll('*')]
      .filter((element) => {
        if (element === active || element.contains(active) || active.contains(element)) return false;
        const style = getComputedStyle(element);
        if (style.position !== 'sticky' && style.position !== 'fixed') return false;
        if (style.visibility === 'hidden' || style.display === 'none') return false;
        const other = element.getBoundingClientRect();
        const overlapX = Math.min(box.right, other.right) - Math.max(box.left, other.left);
        const overlapY = Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top);
        return overlapX > 0.5 && overlapY > 0.5;
      })
      .map(describe);
    return {
      id,
      name: `${describe(active)} “${(active.textContent || (active as HTMLInputElement).labels?.[0]?.textContent || '').trim().slice(0, 40)}”`,
      covered,
    };
  });
}

/** Whether the page has anything sticky or fixed that could cover a focused control. */
export function stickyOrFixed(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.body.querySelectorAll('*')]
      .filter((element) => ['sticky', 'fixed'].includes(getComputedStyle(element).position))
      .map(
        (element) =>
          element.tagName.toLowerCase() +
          (element.className ? `.${String(element.className).split(' ').join('.')}` : ''),
      ),
  );
}

/** Focuses the first or last control a keyboard user can tab to, the way a walk begins. */
function focusEnd(page: Page, end: 'first' | 'last') {
  return page.evaluate((which) => {
    const tabbable = [
      ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'),
    ].filter(
      (element) =>
        element.tabIndex >= 0 &&
        !(element as HTMLButtonElement).disabled &&
        !(element instanceof HTMLInputElement && element.type === 'hidden') &&
        element.getClientRects().length > 0 &&
        getComputedStyle(element).visibility !== 'hidden',
    );
    const element = which === 'first' ? tabbable[0] : tabbable.at(-1);
    window.scrollTo(0, which === 'first' ? 0 : document.documentElement.scrollHeight);
    element?.focus();
    return tabbable.length;
  }, end);
}

/**
 * Tabs through every focusable control, forwards from the first and then backwards from the last,
 * and lists each time a focused control was covered by a sticky or fixed element. Also returns how
 * many controls took focus each way, so a test can check the walk really happened.
 */
export async function coveredWhileTabbing(
  page: Page,
  limit = 500,
): Promise<{ problems: string[]; forwards: number; backwards: number }> {
  const problems: string[] = [];
  const walk = async (key: 'Tab' | 'Shift+Tab') => {
    const seen = new Set<number>();
    for (let i = 0; i < limit; i += 1) {
      if (i > 0) await page.keyboard.press(key);
      const { name, id, covered } = await focusCoverage(page);
      if (name === null || seen.has(id)) break; // out of the page, or wrapped round: every control has had focus
      seen.add(id);
      if (covered.length > 0) problems.push(`${key}: ${name} is covered by ${covered.join(', ')}`);
    }
    return seen.size;
  };
  await focusEnd(page, 'first');
  const forwards = await walk('Tab');
  await focusEnd(page, 'last');
  const backwards = await walk('Shift+Tab');
  return { problems, forwards, backwards };
}
