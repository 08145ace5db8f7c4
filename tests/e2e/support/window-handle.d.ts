import type { AxeResults, RunOptions, ElementContext } from 'axe-core';
import type { EventDesk } from '../../../src/app/event-desk';
import type { DeskStore } from '../../../src/store/desk-store';

/** What the browser tests reach inside the page (set by src/main.tsx, axe injected by the a11y test). */
declare global {
  interface Window {
    __eventdesk: { desk: EventDesk; store: DeskStore };
    axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> };
    __sawProgress: boolean;
  }
}

export {};
