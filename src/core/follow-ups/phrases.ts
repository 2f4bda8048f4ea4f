/** The draft phrasings by language (their shape: phrases/types.ts). Pure data. */
import type { DraftLanguage, DraftPhrases } from "./phrases/types.ts";
import type { Language } from "../understanding/types.ts";
import { ENGLISH_PHRASES } from "./phrases/en.ts";
import { FRENCH_PHRASES } from "./phrases/fr.ts";
import { GERMAN_PHRASES } from "./phrases/de.ts";
import { SPANISH_PHRASES } from "./phrases/es.ts";

export function toDraftLanguage(language: Language): DraftLanguage {
  return language === "de" || language === "fr" || language === "es" ? language : "en";
}

export function getDraftPhrases(language: DraftLanguage): DraftPhrases {
  switch (language) {
    case "en":
      return ENGLISH_PHRASES;
    case "de":
      return GERMAN_PHRASES;
    case "fr":
      return FRENCH_PHRASES;
    case "es":
      return SPANISH_PHRASES;
  }
}
