/** Builds small raw RFC 5322 messages (CRLF) for tests that need a variation, not a client capture. */
export interface EmlOptions {
  from?: string;
  to?: string;
  subject?: string;
  date?: string;
  messageId?: string | null;
  headers?: Record<string, string>;
  contentType?: string;
  body?: string;
}

export function eml(options: EmlOptions = {}): string {
  const lines = [
    `From: ${options.from ?? "Me <me@example.com>"}`,
    `To: ${options.to ?? "assistant@example.com"}`,
    `Subject: ${options.subject ?? "Fwd: Interview"}`,
    `Date: ${options.date ?? "Mon, 02 Mar 2026 09:15:00 -0800"}`,
  ];
  if (options.messageId !== null) lines.push(`Message-ID: ${options.messageId ?? `<${crypto.randomUUID()}@example.com>`}`);
  lines.push("MIME-Version: 1.0");
  for (const [name, value] of Object.entries(options.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push(`Content-Type: ${options.contentType ?? "text/plain; charset=utf-8"}`);
  return `${lines.join("\r\n")}\r\n\r\n${(options.body ?? "").replace(/\r?\n/g, "\r\n")}`;
}

/** A Gmail-style forward of a recruiter's invitation, with an optional owner note on top. */
export function gmailForward(options: { note?: string; company?: string; role?: string; when?: string; recruiter?: string; originalId?: string; outerId?: string | null; subject?: string }): string {
  const company = options.company ?? "Quillfeather Systems";
  const role = options.role ?? "Senior Backend Engineer";
  const recruiter = options.recruiter ?? "Dana Whitcombe <dana.whitcombe@quillfeather.example>";
  const subject = options.subject ?? `Interview for ${role} at ${company}`;
  const body = [
    options.note ?? "",
    "",
    "---------- Forwarded message ---------",
    `From: ${recruiter}`,
    "Date: Mon, Mar 2, 2026 at 9:02 AM",
    `Subject: ${subject}`,
    "To: Me <me@example.com>",
    "",
    "Hi,",
    "",
    `Thank you for applying for the ${role} position at ${company}. We would like to invite you to a video interview on ${options.when ?? "Tuesday, March 3, 2026 at 2:30 PM PT"}.`,
    "The interview will last 45 minutes. Join here: https://meet.google.com/abc-defg-hij",
    "",
    "Best regards,",
    recruiter.replace(/\s*<.*>/, ""),
    `Talent Acquisition, ${company}`,
  ].join("\n");
  return eml({ subject: `Fwd: ${subject}`, body, messageId: options.outerId === undefined ? undefined : options.outerId });
}
