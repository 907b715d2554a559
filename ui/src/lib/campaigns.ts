// Campaign helpers kept out of the components so they can be unit-tested: the kinds and
// metrics in the form's order, money typed in yuan to fen and back, and a playbook's name for
// people (the shipped ones translated, the owner's own as saved).
import type { CampaignKind, Metric } from "./bindings";
import { t, type MessageKey } from "./i18n/index.svelte";

export const KINDS: CampaignKind[] = ["guest_share", "fission", "holiday", "meetup", "check_in", "prize", "red_packet", "custom"];
export const METRICS: Metric[] = ["joins", "attendance", "conversions", "posts"];
const SHIPPED = ["guest_share", "fission", "holiday", "check_in"];

/** Yuan as typed (`1200`, `1,200.50`, `¥300`) in fen; undefined when not an amount ≥ 0. */
export function parseYuan(text: string): number | undefined {
  const s = text.trim().replace(/^[¥￥]/, "").replace(/[,，]/g, "").replace(/元$/, "").trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [whole = "0", frac = ""] = s.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/** Fen as `¥1,200.50` (or `—`). */
export function yuan(fen: number | null | undefined): string {
  if (fen == null) return "—";
  return `¥${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: fen % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;
}

export function playbookLabel(name: string): string {
  return SHIPPED.includes(name) ? t(`campaign.playbook.${name}` as MessageKey) : name;
}

/** `n / of` as a whole percentage, or null when nothing can be counted yet. */
export function percent(n: number, of: number): number | null {
  return of > 0 ? Math.round((n * 100) / of) : null;
}
