import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { ForwardedEmail } from "../../../src/core/mail/forwarded-email.ts";
import { parseMime } from "../../../src/core/mail/parse.ts";
import { unwrapForward } from "../../../src/core/mail/unwrap.ts";

describe("unwrapForward: each client's forward", () => {
  it("Gmail (English): original sender, date in the forwarder's offset, links and the owner's note", async () => {
    const fwd = await unwrap("gmail-forward-invite.eml");
    expect(fwd.style).toBe("gmail");
    expect(fwd.depth).toBe(1);
    expect(fwd.original).toMatchObject({
      from: { name: "Jonas Brandt", address: "jonas.brandt@quillfeather.example" },
      to: [{ name: "Mira Okonkwo", address: "me@example.com" }],
      // "Tue, Mar 10, 2026 at 4:12 PM" carries no offset; the forward's own +0100 is assumed for the instant.
      date: "2026-03-10T16:12:00+01:00",
      dateOffsetMin: null,
      subject: "Interview invitation - Platform Engineer at Quillfeather Analytics",
      messageId: null,
      calendars: [],
    });
    expect(fwd.original.text.startsWith("Hi Mira,\n\nThank you for applying for the Platform Engineer position")).toBe(true);
    expect(fwd.original.text).not.toContain("Forwarded message");
    expect(fwd.original.links).toEqual([
      { href: "https://zoom.us/j/93120045518?pwd=QuIlLfEaThEr", text: "https://zoom.us/j/93120045518?pwd=QuIlLfEaThEr" },
    ]);
    expect(fwd.note).toEqual({ text: "Looks promising, they asked about Kubernetes last time.", hints: { timeline: "2 weeks" } });
  });

  it("Gmail (German labels): Von/Date/Subject/To under 'Weitergeleitete Nachricht'", async () => {
    const fwd = await unwrap("gmail-forward-de-rejection.eml");
    expect(fwd.style).toBe("gmail");
    expect(fwd.original.from).toEqual({ name: "Personalabteilung Falkenried Logistik GmbH", address: "karriere@falkenried-logistik.example" });
    expect(fwd.original.date).toBe("2026-04-14T17:02:00+02:00");
    expect(fwd.original.subject).toBe("Ihre Bewerbung als Lagerlogistiker (m/w/d)");
    expect(fwd.note).toEqual({ text: "", hints: {} });
  });

  it("Outlook (new): the rule and From/Sent/To/Cc/Subject block; owner note above it", async () => {
    const fwd = await unwrap("outlook-forward-confirmation.eml");
    expect(fwd.style).toBe("outlook");
    expect(fwd.original).toMatchObject({
      from: { name: "Priya Raman", address: "priya.raman@harbourline-ferries.example" },
      to: [{ name: "Mira Okonkwo", address: "me@example.com" }],
      cc: [{ name: "Leo Fischer", address: "leo.fischer@harbourline-ferries.example" }],
      date: "2026-05-04T08:47:00-04:00",
      subject: "Interview confirmed – Customer Support Lead",
    });
    expect(fwd.note.text).toBe("Can you remind me the day before?");
  });

  it.each([
    ["outlook-forward-de-invitation.eml", "Katrin Vogel", "katrin.vogel@brennholt-werke.example", "2026-05-07T10:03:00+02:00", "Einladung zum Vorstellungsgespräch – Industriemechaniker (m/w/d)"],
    ["outlook-forward-fr-next-round.eml", "Élodie Marchand", "elodie.marchand@ombrelune.example", "2026-05-25T16:45:00+02:00", "Deuxième entretien - Cheffe de produit"],
    ["outlook-forward-es-offer.eml", "Tomás Arrieta", "tomas.arrieta@veloria-seguros.example", "2026-06-09T17:30:00+02:00", "Oferta de empleo - Analista de Datos"],
    ["outlook-forward-nl-rejection.eml", "Joost Hendriks", "joost.hendriks@duinwater.example", "2026-03-27T14:05:00+01:00", "Je sollicitatie bij Duinwater"],
    ["outlook-forward-pt-reschedule.eml", "Rui Valente", "rui.valente@marebrava.example", "2026-06-12T09:20:00+01:00", "Entrevista reagendada - Engenheira de Dados"],
  ])("Outlook with translated labels: %s", async (file, name, address, date, subject) => {
    const fwd = await unwrap(file);
    expect(fwd.style).toBe("outlook");
    expect(fwd.original.from).toEqual({ name, address });
    expect(fwd.original.to).toEqual([{ name: "Mira Okonkwo", address: "me@example.com" }]);
    expect(fwd.original.date).toBe(date);
    expect(fwd.original.subject).toBe(subject);
  });

  it("Outlook classic: '-----Original Message-----' with a [mailto:] sender, and a note hint", async () => {
    const fwd = await unwrap("outlook-classic-forward-rejection.eml");
    expect(fwd.style).toBe("outlook_classic");
    expect(fwd.original.from).toEqual({ name: "Sam Whitlock", address: "sam.whitlock@ashgrove-labs.example" });
    expect(fwd.original.date).toBe("2026-03-06T15:41:00-05:00");
    expect(fwd.note).toEqual({
      text: "Oh well. I'd still like feedback.",
      hints: { note: "interviewer was friendly, ask about the data team" },
    });
  });

  it("Outlook for iOS: the client line is a signature, not part of the note", async () => {
    const fwd = await unwrap("outlook-ios-forward-reschedule.eml");
    expect(fwd.style).toBe("outlook_ios");
    expect(fwd.note.text).toBe("Moved again!");
    expect(fwd.original.from?.address).toBe("dara.flynn@kelpie-cloud.example");
    expect(fwd.original.date).toBe("2026-04-23T16:55:10-07:00");
  });

  it("Apple Mail (macOS): 'Begin forwarded message:' with the zone the date line shows", async () => {
    const fwd = await unwrap("apple-mail-forward-phone-screen.eml");
    expect(fwd.style).toBe("apple_mail");
    expect(fwd.original.from).toEqual({ name: "Hattie Marsh", address: "hattie.marsh@lanternfish-studio.example" });
    expect(fwd.original.date).toBe("2026-03-23T10:14:22+00:00");
    expect(fwd.original.dateOffsetMin).toBe(0);
    expect(fwd.note.text).toBe("First call with them.");
  });

  it("Apple Mail (iOS): '>' quoting removed, 'Sent from my iPhone' dropped from the note", async () => {
    const fwd = await unwrap("apple-mail-ios-quoted-offer.eml");
    expect(fwd.style).toBe("apple_mail_quoted");
    expect(fwd.note.text).toBe("!!!");
    expect(fwd.original.date).toBe("2026-06-01T09:05:44-04:00");
    expect(fwd.original.dateOffsetMin).toBe(-240);
    expect(fwd.original.text.startsWith("Dear Mira,\n\nWe are delighted to offer you")).toBe(true);
    expect(fwd.original.text).not.toMatch(/^>/m);
  });

  it("Thunderbird inline: the Subject/Date/From/To table with tabs and an RFC 5322 date", async () => {
    const fwd = await unwrap("thunderbird-forward-confirmation.eml");
    expect(fwd.style).toBe("thunderbird");
    expect(fwd.original.from).toEqual({ name: "Vireo Robotics Talent Team", address: "talent@vireo-robotics.example" });
    expect(fwd.original.date).toBe("2026-05-07T11:20:31+02:00");
    expect(fwd.original.dateOffsetMin).toBe(120);
    expect(fwd.original.subject).toBe("Interview booking confirmed");
  });

  it("forward-as-attachment: the attached message is parsed, with its own Message-ID and calendar", async () => {
    const fwd = await unwrap("thunderbird-attachment-invite-ics.eml");
    expect(fwd.style).toBe("attachment");
    expect(fwd.depth).toBe(1);
    expect(fwd.original).toMatchObject({
      from: { name: "Recrutement Lindqvist & Roux", address: "recrutement@lindqvist-roux.example" },
      date: "2026-05-19T17:48:12+02:00",
      dateOffsetMin: 120,
      messageId: "<lr-invite-0519@lindqvist-roux.example>",
      subject: "Invitation: entretien - Consultante SAP",
    });
    expect(fwd.original.calendars).toHaveLength(1);
    expect(fwd.original.calendars[0]?.content).toContain("DTSTART;TZID=Romance Standard Time:20260527T100000");
    expect(fwd.note).toEqual({ text: "See the attached invitation.", hints: { role: "Consultante SAP FI/CO" } });
  });

  it("Yahoo: '----- Forwarded Message -----' with a 'Sent:' line ending in a zone", async () => {
    const fwd = await unwrap("yahoo-forward-acknowledgement.eml");
    expect(fwd.style).toBe("yahoo");
    expect(fwd.original.from?.address).toBe("careers@copperbeech-housing.example");
    expect(fwd.original.date).toBe("2026-02-02T10:15:07+00:00");
    expect(fwd.note.text).toBe("Applied on Friday.");
  });

  it("Proton: 'Date: On Friday, April 10th, 2026 at 3:30 PM'", async () => {
    const fwd = await unwrap("proton-forward-next-round.eml");
    expect(fwd.style).toBe("proton");
    expect(fwd.original.from?.name).toBe("Owen Pryce");
    expect(fwd.original.date).toBe("2026-04-10T15:30:00+00:00");
  });

  it("HTML-only forward: converted to text, scripts and styles dropped, anchors kept as links", async () => {
    const fwd = await unwrap("html-only-forward-cancellation.eml");
    expect(fwd.style).toBe("gmail");
    expect(fwd.original.from).toEqual({ name: "Wren & Tallis Recruitment", address: "jobs@wren-tallis.example" });
    expect(fwd.original.text).toContain("your interview for the Office Manager position at Pemberton & Hale on Friday, 22 May 2026 at 11:00 BST");
    expect(fwd.original.text).not.toMatch(/tracking|color: #333/);
    expect(fwd.original.links).toEqual([{ href: "https://meet.google.com/wrn-tals-hal", text: "Join with Google Meet" }]);
    expect(fwd.original.html).toContain("gmail_quote");
    expect(fwd.note.text).toBe("Sad. Wait for the new date.");
  });

  it("calendar parts attached to the outer forward are kept with the original", async () => {
    const fwd = await unwrap("gmail-forward-ics-on-outer.eml");
    expect(fwd.original.from?.address).toBe("sacha.morel@atelier-corbeau.example");
    expect(fwd.original.calendars).toHaveLength(1);
    expect(fwd.original.calendars[0]?.filename).toBe("invite.ics");
  });
});

describe("unwrapForward: direct mail, nesting and limits", () => {
  it("an untouched auto-forward is the original itself (owner addresses compared case-insensitively)", async () => {
    const fwd = await unwrap("direct-auto-forward-invite.eml", ["ME@Example.COM"]);
    expect(fwd.style).toBe("direct");
    expect(fwd.depth).toBe(0);
    expect(fwd.original).toMatchObject({
      from: { name: "Greta Solberg", address: "greta.solberg@fjordline-media.example" },
      date: "2026-03-18T09:41:00+01:00",
      dateOffsetMin: 60,
      messageId: "<fjordline-0318-greta@fjordline-media.example>",
    });
    expect(fwd.note).toEqual({ text: "", hints: {} });
  });

  it("without known owner addresses, a message with no forwarded block is still direct", async () => {
    const fwd = await unwrap("direct-auto-forward-invite.eml");
    expect(fwd.style).toBe("direct");
  });

  it("a reply quoting the owner's own message is not unwrapped, and the quoted history is cut", async () => {
    const fwd = await unwrap("direct-reply-quoting-owner.eml");
    expect(fwd.style).toBe("direct");
    expect(fwd.original.from?.address).toBe("ines.dalgaard@northmoor-energy.example");
    expect(fwd.original.text.endsWith("Ines Dalgaard\nNorthmoor Energy")).toBe(true);
    expect(fwd.original.text).not.toContain("I could do Monday");
  });

  it("a forward of a forward unwraps to the innermost original", async () => {
    const fwd = await unwrap("forward-of-forward.eml");
    expect(fwd.depth).toBe(2);
    expect(fwd.original.from).toEqual({ name: "Lotte de Graaf", address: "lotte.degraaf@tessel-freight.example" });
    expect(fwd.original.date).toBe("2026-04-10T16:30:00+02:00");
    // The middle forwarder is not a known owner, so only the outer note counts.
    expect(fwd.note).toEqual({ text: "This one went to my old address.", hints: {} });
  });

  it("the note of a middle forward counts when an owner address wrote it; the outer note wins on conflicts", async () => {
    const fwd = await unwrap("forward-of-forward.eml", ["me@example.com", "mira.okonkwo@oldmail.example"]);
    expect(fwd.note).toEqual({ text: "This one went to my old address.", hints: { company: "Tessel Freight B.V." } });
  });

  it("stops at MAX_FORWARD_DEPTH and uses the innermost message it reached", async () => {
    const fwd = await unwrap("forward-chain-too-deep.eml");
    expect(fwd.depth).toBe(4);
    expect(fwd.original.from).toEqual({ name: "Level Four", address: "four@relay.example" });
    expect(fwd.note.text).toBe("Top note.");
  });
});

async function unwrap(name: string, ownerAddresses: string[] = []): Promise<ForwardedEmail> {
  const raw = await readFile(new URL(`../../fixtures/emails/${name}`, import.meta.url));
  const parsed = await parseMime(new Uint8Array(raw));
  if (!parsed.ok) throw new Error(`fixture ${name} did not parse: ${parsed.error.reason}`);
  return unwrapForward(parsed.value, { ownerAddresses });
}
