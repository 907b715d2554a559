// The member list's rows, loaded a page at a time as the virtual list scrolls: the list can
// hold 100,000 members while only the pages near the viewport are fetched. A reload (new
// filter or sort) bumps the generation so late answers to an old query are dropped.
import type { MemberFilter, MemberRow, MemberSort } from "./bindings";
import { api } from "./api";

export const PAGE = 200;

export class MemberPages {
  total = $state(0);
  pages: Record<number, MemberRow[]> = $state({});
  loaded = $state(false);
  #generation = 0;
  #pending = new Set<number>();
  #filter: MemberFilter;
  #sort: MemberSort;

  constructor(filter: MemberFilter, sort: MemberSort) {
    this.#filter = filter;
    this.#sort = sort;
  }

  /** Starts over with a new query; resolves when the first page is in. */
  async reset(filter: MemberFilter, sort: MemberSort): Promise<void> {
    this.#filter = filter;
    this.#sort = sort;
    this.#generation++;
    this.#pending.clear();
    const gen = this.#generation;
    const first = await api.listMembers(filter, sort, 0, PAGE);
    if (gen !== this.#generation) return;
    this.pages = { 0: first.rows };
    this.total = first.total;
    this.loaded = true;
  }

  /** Reloads the pages in memory (after an edit), keeping the scroll position. */
  async refresh(): Promise<void> {
    const keep = Object.keys(this.pages).map(Number);
    this.#generation++;
    this.#pending.clear();
    const gen = this.#generation;
    const results = await Promise.all(keep.map((p) => api.listMembers(this.#filter, this.#sort, p * PAGE, PAGE)));
    if (gen !== this.#generation) return;
    const pages: Record<number, MemberRow[]> = {};
    keep.forEach((p, i) => (pages[p] = results[i]?.rows ?? []));
    this.pages = pages;
    this.total = results[0]?.total ?? 0;
  }

  /** Makes sure the page holding row `index` is loaded. */
  ensure(index: number): void {
    const p = Math.floor(index / PAGE);
    if (this.pages[p] || this.#pending.has(p)) return;
    this.#pending.add(p);
    const gen = this.#generation;
    api
      .listMembers(this.#filter, this.#sort, p * PAGE, PAGE)
      .then((res) => {
        if (gen !== this.#generation) return;
        this.pages[p] = res.rows;
        this.total = res.total;
      })
      .finally(() => this.#pending.delete(p));
  }

  row(index: number): MemberRow | undefined {
    return this.pages[Math.floor(index / PAGE)]?.[index % PAGE];
  }

  indexOf(id: number): number {
    for (const [p, rows] of Object.entries(this.pages)) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return Number(p) * PAGE + i;
    }
    return -1;
  }
}
