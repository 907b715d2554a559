// The UI's two languages. `t()` reads the current language from reactive state, so every
// string on screen updates the moment the user switches in Settings.
import type { Language, ApiError } from "../bindings";
import { zhCN, type MessageKey } from "./zh-CN";
import { en } from "./en";

export type { MessageKey };

const catalogues: Record<Language, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export const i18n = $state({ lang: "zh-CN" as Language });

export function setLanguage(lang: Language) {
  i18n.lang = lang;
  document.documentElement.lang = lang;
}

export type Params = Record<string, string | number>;

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = catalogues[lang][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export function t(key: MessageKey, params?: Params): string {
  return translate(i18n.lang, key, params);
}

/** True when `key` names a sentence of the catalogue (error keys come from Rust). */
export function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** The sentence to show for an error from a command, in the user's language. */
export function errorText(e: unknown): string {
  const err = e as Partial<ApiError> | undefined;
  if (err && typeof err.key === "string") {
    const key = `err.${err.key}`;
    if (hasKey(key)) return t(key, (err.params ?? {}) as Record<string, string>);
  }
  const message = err && typeof err.message === "string" ? err.message : String(e);
  return t("err.unknown", { message });
}

