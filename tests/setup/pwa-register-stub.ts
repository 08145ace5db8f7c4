// Unit-test stand-in for `virtual:pwa-register` (the PWA plugin only exists in
// real builds). Mirrors the signature: registerSW(options) => updateSW(reload?).
export function registerSW(_options: Record<string, unknown> = {}): (reloadPage?: boolean) => Promise<void> {
  void _options;
  return async () => {};
}
