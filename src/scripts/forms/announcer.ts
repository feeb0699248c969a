/** Says something through the page's polite live region. */
export function createAnnouncer(region: HTMLElement, delayMs = 50): (text: string) => void {
  return (text) => {
    // Clearing first makes a repeated message heard again.
    region.textContent = '';
    window.setTimeout(() => (region.textContent = text), delayMs);
  };
}
