/**
 * Every size and count limit on inbound mail, with the reason. README "Limits and guarantees"
 * lists them for users. Pure constants.
 */

/**
 * Largest message kept. Email Routing accepts up to 25 MiB, but a forward worth keeping is
 * text and a calendar; past this size it is a forward of large attachments. 10 MiB keeps the
 * stored copy within D1's per-database budget and the isolate's 128 MB memory while
 * compressing.
 */
export const MAX_RAW_BYTES = 10 * 1024 * 1024;

/**
 * Largest reply read as commands. A reply is a few lines above a quoted digest (a long digest
 * quoted in HTML is under 100 KiB); a larger one is refused before it is read or stored, so a
 * flood of large replies to a leaked reply address costs no parsing.
 */
export const MAX_REPLY_BYTES = 256 * 1024;

/**
 * Largest message read (parsed) for understanding. postal-mime costs about 8 µs CPU and up to
 * 2 KB of memory per line; above this the message is kept but not read automatically.
 */
export const MAX_PARSE_BYTES = 2 * 1024 * 1024;

/**
 * Most lines read (parsed). postal-mime's cost is per line of text, not per byte: about 25 µs
 * CPU and 1 KB of heap for each line of a text or HTML part (measured with 4.0.0), so 240,000
 * two-character lines (under 1 MB) took 4.6 s and over 400 MB, past the isolate's 128 MB. The
 * same holds for 50,000 empty MIME parts (3 lines each). Real forwards stay far below this:
 * a long HTML email is a few thousand lines, and base64 attachments are cheap per line and
 * already bounded by MAX_PARSE_BYTES (about 27,000 lines). Above it the message is kept, not read.
 */
export const MAX_PARSE_LINES = 50_000;

/**
 * Largest top-level header block handed to postal-mime. postal-mime 4.0.0 decodes long runs of
 * RFC 2047 encoded words in quadratic time; real headers (Received, DKIM and ARC chains
 * included) stay well below this.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Total header bytes across all MIME parts, passed to postal-mime's own guard. */
export const MAX_ALL_HEADERS_BYTES = 256 * 1024;

/** MIME multipart nesting; real mail nests a handful of levels. Deeper is an attack. */
export const MAX_MIME_DEPTH = 32;

/**
 * Forwards unwrapped inside one another (a forward of a forward as an attachment is 2).
 * Deeper nesting is a loop or an attack; the innermost reachable message is used.
 */
export const MAX_FORWARD_DEPTH = 4;

/** Raw bytes are stored gzip-compressed in chunks below D1's 2 MB row limit. */
export const RAW_CHUNK_BYTES = 512 * 1024;

/** Characters of body text read for understanding; recruiter mail says what matters early. */
export const MAX_TEXT_CHARS = 64 * 1024;
