import type { routing } from "./routing";
import type messages from "../../messages/en.json";

// Typed message keys and locales everywhere (next-intl AppConfig augmentation).
declare module "next-intl" {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
