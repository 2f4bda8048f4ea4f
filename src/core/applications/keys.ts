/**
 * The keys an application is found by: its company and role folded to compare alike ("Acme,
 * Inc." = "acme"), as stored beside them in D1. Pure.
 */
const LEGAL_SUFFIX =
  /\b(inc|incorporated|llc|l\.l\.c|ltd|limited|gmbh|mbh|ag|kg|corp|corporation|co|company|plc|s\.?a\.?s?|srl|s\.?l\.?|b\.?v\.?|n\.?v\.?|pty|pvt|oy|ab|a\/s|lda|spa)\b\.?/g;
const GENDER_TAG = /\((?:[mwfdhx]\s*\/\s*)+[mwfdhx]\)|\((?:all genders?|tous genres)\)/gi;

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** "Acme, Inc." → "acme"; "Kraków Software Sp. z o.o." → "krakow software sp z o o". */
export function companyKey(company: string | null): string | null {
  if (!company) return null;
  const key = fold(company)
    .replace(/&/g, " and ")
    .replace(LEGAL_SUFFIX, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return key.length > 0 ? key : null;
}

/** "Sachbearbeiterin Buchhaltung (m/w/d)" → "sachbearbeiterin buchhaltung". */
export function roleKey(role: string | null): string | null {
  if (!role) return null;
  const key = fold(role.replace(GENDER_TAG, " "))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return key.length > 0 ? key : null;
}
