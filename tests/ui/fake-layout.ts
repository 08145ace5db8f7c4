/**
 * jsdom has no layout: gives every element a viewport so virtualized lists
 * render rows. Returns the undo (call it after the test).
 */
export function fakeLayout(height = 600, width = 900): () => void {
  const restore: (() => void)[] = [];
  for (const [prop, value] of [
    ['clientHeight', height],
    ['clientWidth', width],
    ['offsetHeight', height],
    ['offsetWidth', width],
  ] as const) {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
    restore.push(() => {
      if (original) Object.defineProperty(HTMLElement.prototype, prop, original);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop];
    });
  }
  return () => {
    while (restore.length) restore.pop()!();
  };
}
