// The closed sets a group's fields choose from, in display order (names come from the catalogue).
import type { GroupKind, Horizon, Platform, Stage, Threshold } from "./bindings";

export const PLATFORMS: Platform[] = ["wechat", "wecom", "qq", "telegram", "discord", "other"];
export const KINDS: GroupKind[] = ["product", "interest", "knowledge", "network", "sales"];
export const THRESHOLDS: Threshold[] = ["none", "paid", "invite", "form", "task"];
export const STAGES: Stage[] = ["new", "growing", "mature", "winding_down"];
export const HORIZONS: Horizon[] = ["long", "stage", "short"];

export function groupColor(index: number): string {
  return `var(--g${Math.abs(index) % 10})`;
}
