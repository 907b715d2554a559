// The memory benchmark's scenario (bench/members.rs launches the app with
// GROUPDESK_STARTUP_PROBE=members): scroll the whole book, search three times, open a member,
// then report ready. Kept out of the screens and loaded only when a benchmark asks for it.
import { api } from "./api";

export interface MembersProbe {
  scrollEl: () => HTMLElement | undefined;
  search: (query: string) => Promise<void>;
  first: () => number | undefined;
  open: (id: number) => Promise<void>;
}

export async function playMembers(p: MembersProbe): Promise<void> {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (let i = 1; i <= 10; i++) {
    const el = p.scrollEl();
    el?.scrollTo({ top: (el.scrollHeight * i) / 10 });
    await pause(150);
  }
  for (const q of ["张", "zs", "数学辅导"]) await p.search(q);
  const first = p.first();
  if (first != null) await p.open(first);
  await pause(300);
  await api.startupReady();
}
