// What the calendar has loaded, kept by span so that stepping to the next or previous week or
// month draws from memory: while one range is shown the ranges before and after it are
// fetched (with two weeks' margin, as month grids differ in their weeks), and a range inside a
// span already fetched (or being fetched) is cut from it instead of asking Rust again. Any change to the calendar or the groups clears it (the
// screen listens for change events), so what is drawn is never older than the last write.
import type { CalendarEvent, DayNote, PaceWarning } from "./bindings";
import { addDays } from "./calendar";

export interface RangeData {
  events: CalendarEvent[];
  warnings: PaceWarning[];
  /** Years in the range without a loaded holiday schedule. */
  years: number[];
  days: DayNote[];
}

export type Fetch = (from: string, to: string, group: number | null) => Promise<RangeData>;

interface Span {
  from: string;
  to: string;
  group: number | null;
  data: Promise<RangeData>;
  /** Set once `data` has resolved: a range inside it can be drawn without waiting. */
  value?: RangeData;
}

/** Days fetched beyond a neighbouring range on either side. */
const MARGIN = 14;

/** Days from `from` to `to` inclusive (ISO dates). */
function days(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86400000) + 1;
}

function cut(d: RangeData, from: string, to: string): RangeData {
  const inside = (date: string) => date >= from && date <= to;
  const [y0, y1] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  return {
    events: d.events.filter((e) => inside(e.date)),
    warnings: d.warnings.filter((w) => inside(w.date)),
    years: d.years.filter((y) => y >= y0 && y <= y1),
    days: d.days.filter((n) => inside(n.date)),
  };
}

export class RangeCache {
  private spans: Span[] = [];

  constructor(
    private fetch: Fetch,
    /** How many spans are kept (the oldest go first). */
    private keep = 6,
  ) {}

  clear(): void {
    this.spans = [];
  }

  private covering(from: string, to: string, group: number | null): Span | undefined {
    return this.spans.find((s) => s.group === group && s.from <= from && s.to >= to);
  }

  /** The range now, if a span holding it has already arrived. */
  ready(from: string, to: string, group: number | null): RangeData | null {
    const s = this.covering(from, to, group);
    return s?.value ? cut(s.value, from, to) : null;
  }

  /** The range, from a span that holds it or from a new fetch of just it. */
  async get(from: string, to: string, group: number | null): Promise<RangeData> {
    const s = this.covering(from, to, group) ?? this.load(from, to, group);
    return cut(await s.data, from, to);
  }

  /** Starts fetching the ranges before and after this one unless spans already hold them. */
  prefetch(from: string, to: string, group: number | null): void {
    const n = days(from, to);
    for (const shift of [-n, n]) {
      const [a, b] = [addDays(from, shift - MARGIN), addDays(to, shift + MARGIN)];
      if (!this.covering(addDays(from, shift), addDays(to, shift), group)) this.load(a, b, group);
    }
  }

  private load(from: string, to: string, group: number | null): Span {
    const span: Span = { from, to, group, data: Promise.resolve(null as never) };
    span.data = this.fetch(from, to, group).then(
      (d) => {
        span.value = d;
        return d;
      },
      (e) => {
        this.spans = this.spans.filter((x) => x !== span);
        throw e;
      },
    );
    this.spans = [span, ...this.spans].slice(0, this.keep);
    return span;
  }
}
