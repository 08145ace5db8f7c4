/**
 * Reads that only refresh what is on screen: if the database went away
 * meanwhile (the desk was closed, the tab is unloading) there is nothing to show.
 */
export function ignoreAfterClose(): void {}
