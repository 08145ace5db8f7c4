// Progress lines with the seconds since the bench started.
const T0 = Date.now();

export const elapsedSeconds = () => (Date.now() - T0) / 1000;
export const log = (...a) => console.log(`[bench ${elapsedSeconds().toFixed(1).padStart(6)}s]`, ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
