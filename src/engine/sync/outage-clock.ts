/**
 * How long the desk has not answered: `since` from the first failure, `long` once it has lasted `longAfterMs`
 * (worth an alert; a failover of a few seconds is not). `announce` is called when it becomes long.
 */
export class OutageClock {
  since: number | undefined;
  long = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly longAfterMs: () => number,
    private readonly announce: () => void,
  ) {}

  begin(): void {
    if (this.since !== undefined) return;
    this.since = Date.now();
    this.timer = setTimeout(() => {
      this.long = true;
      this.announce();
    }, this.longAfterMs());
  }

  end(): void {
    clearTimeout(this.timer);
    this.since = undefined;
    this.long = false;
  }
}
