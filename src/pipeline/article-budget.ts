/**
 * Bounds the articles a run holds in memory between extraction and their feed's transaction. Feeds are written
 * whole (all-or-nothing), so a feed keeps every article it built until it is stored; with dozens of feeds in
 * flight and up to `max_items_per_feed` new items each (a first run), that is what could exhaust memory.
 *
 * A feed asks for as many units as it has new items before building them. Requests are served in order (a
 * large feed is not starved by small ones), and one larger than the whole budget runs alone.
 */
export class ArticleBudget {
  private used = 0;
  private readonly waiters: Array<{ units: number; grant: () => void }> = [];

  constructor(readonly capacity: number) {}

  /** Resolves once `units` articles may be held; pair with `release(units)`. */
  async acquire(units: number): Promise<void> {
    if (units <= 0) return;
    if (this.waiters.length === 0 && this.fits(units)) {
      this.used += units;
      return;
    }
    await new Promise<void>((grant) => this.waiters.push({ units, grant }));
  }

  release(units: number): void {
    if (units <= 0) return;
    this.used = Math.max(0, this.used - units);
    for (let head = this.waiters[0]; head !== undefined && this.fits(head.units); head = this.waiters[0]) {
      this.waiters.shift();
      this.used += head.units;
      head.grant();
    }
  }

  /** Articles held now. */
  get held(): number {
    return this.used;
  }

  private fits(units: number): boolean {
    return this.used === 0 || this.used + units <= this.capacity;
  }
}
