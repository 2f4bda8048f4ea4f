/**
 * Reads a mailto: link back the way RFC 6068 defines it (percent-decoding only; "+" is a plus,
 * not a space), so tests can check that a link carries exactly the recipients, subject and body.
 */
export interface DecodedMailto {
  to: string[];
  /** Header fields by lower-cased name, decoded. */
  fields: Record<string, string>;
}

export function decodeMailto(href: string): DecodedMailto {
  if (!href.startsWith("mailto:")) throw new Error(`not a mailto: link: ${href}`);
  const rest = href.slice("mailto:".length);
  const queryAt = rest.indexOf("?");
  const path = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? "" : rest.slice(queryAt + 1);
  const to = path === "" ? [] : path.split(",").map(decodeURIComponent);
  const fields: Record<string, string> = {};
  for (const pair of query === "" ? [] : query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq === -1) throw new Error(`header field without "=": ${pair}`);
    fields[decodeURIComponent(pair.slice(0, eq)).toLowerCase()] = decodeURIComponent(pair.slice(eq + 1));
  }
  return { to, fields };
}
