import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { ForwardedEmail, OriginalMessage } from "../../../src/core/mail/forwarded-email.ts";
import { parseMime } from "../../../src/core/mail/parse.ts";
import { understandEmail } from "../../../src/core/understanding/understand.ts";
import { SURE_SCORE, type Understanding } from "../../../src/core/understanding/types.ts";
import { unwrapForward } from "../../../src/core/mail/unwrap.ts";

describe("understandEmail: fixture by fixture", () => {
  it("Gmail invitation with a zone abbreviation, a time range and a Zoom link; R2: the owner's 'timeline: 2 weeks' hint", async () => {
    expect(await understand("gmail-forward-invite.eml")).toEqual({
      kind: "invitation",
      isJobRelated: true,
      language: "en",
      company: "Quillfeather Analytics",
      role: "Platform Engineer",
      contact: { name: "Jonas Brandt", email: "jonas.brandt@quillfeather.example" },
      interviewers: [],
      start: "2026-03-19T15:00:00+01:00",
      tz: "Europe/Berlin",
      startLocal: "2026-03-19T15:00:00",
      proposedSlots: [],
      previousStart: null,
      durationMin: 45,
      format: "video",
      meetingUrl: "https://zoom.us/j/93120045518?pwd=QuIlLfEaThEr",
      schedulingUrl: null,
      promisedTimeline: { amount: 2, unit: "weeks", text: "2 weeks", by: "2026-03-24" },
      noCalls: false,
      calendar: null,
      confidence: expect.any(Object),
      // C9: "Hi Mira," and "Best regards,\nJonas Brandt" from his own address.
      addressing: { email: "jonas.brandt@quillfeather.example", name: "Jonas Brandt", signedAs: "Jonas Brandt", familyName: "Brandt", title: null, formality: "informal" },
    } satisfies Understanding);
  });

  it("German rejection from a department mailbox: company without the department, role with (m/w/d), the mailbox as contact", async () => {
    expect(await understand("gmail-forward-de-rejection.eml")).toMatchObject({
      kind: "rejection",
      language: "de",
      company: "Falkenried Logistik GmbH",
      role: "Lagerlogistiker (m/w/d)",
      contact: { name: null, email: "karriere@falkenried-logistik.example" },
      start: null,
      format: null,
      promisedTimeline: null,
    });
  });

  it("Outlook confirmation: 'Eastern Time' zone, stated duration, street address means on site", async () => {
    expect(await understand("outlook-forward-confirmation.eml")).toMatchObject({
      kind: "scheduling_confirmation",
      company: "Harbourline Ferries",
      role: "Customer Support Lead",
      contact: { name: "Priya Raman", email: "priya.raman@harbourline-ferries.example" },
      start: "2026-05-12T10:30:00-04:00",
      tz: "America/New_York",
      durationMin: 60,
      format: "onsite",
      meetingUrl: null,
    });
  });

  it("German invitation: dotted date and 'Uhr' on separate labelled lines, zone from the Leipzig address", async () => {
    expect(await understand("outlook-forward-de-invitation.eml")).toMatchObject({
      kind: "invitation",
      language: "de",
      company: "Brennholt Werke GmbH",
      role: "Industriemechaniker (m/w/d)",
      contact: { name: "Katrin Vogel", email: "katrin.vogel@brennholt-werke.example" },
      start: "2026-05-19T13:30:00+02:00",
      tz: "Europe/Berlin",
      format: "onsite",
    });
  });

  it("French second interview: next round, 'heure de Paris', 'dans nos locaux' means on site", async () => {
    expect(await understand("outlook-forward-fr-next-round.eml")).toMatchObject({
      kind: "next_round",
      language: "fr",
      company: "Ombrelune",
      role: "Cheffe de produit",
      start: "2026-06-02T11:00:00+02:00",
      tz: "Europe/Paris",
      format: "onsite",
    });
  });

  it("Spanish offer: the decision deadline is not an interview time", async () => {
    expect(await understand("outlook-forward-es-offer.eml")).toMatchObject({
      kind: "offer",
      language: "es",
      company: "Veloria Seguros",
      role: "Analista de Datos",
      contact: { name: "Tomás Arrieta", email: "tomas.arrieta@veloria-seguros.example" },
      start: null,
      startLocal: null,
      format: null,
    });
  });

  it("Dutch rejection ('helaas ... niet verder')", async () => {
    expect(await understand("outlook-forward-nl-rejection.eml")).toMatchObject({
      kind: "rejection",
      language: "nl",
      company: "Duinwater",
      role: "Procesoperator",
      promisedTimeline: null,
    });
  });

  it("Portuguese reschedule: the new time in start, the replaced one in previousStart", async () => {
    expect(await understand("outlook-forward-pt-reschedule.eml")).toMatchObject({
      kind: "reschedule",
      language: "pt",
      company: "Marebrava",
      role: "Engenheira de Dados",
      start: "2026-06-18T10:00:00+01:00",
      tz: "Europe/Lisbon",
      previousStart: "2026-06-16T15:00:00+01:00",
      format: "video",
      meetingUrl: "https://meet.google.com/pqr-stuv-wxy",
    });
  });

  it("Outlook iOS reschedule: 'New time' and 'Previously' lines in Pacific Time", async () => {
    expect(await understand("outlook-ios-forward-reschedule.eml")).toMatchObject({
      kind: "reschedule",
      company: "Kelpie Cloud",
      role: "Solutions Architect",
      start: "2026-04-29T13:00:00-07:00",
      tz: "America/Los_Angeles",
      previousStart: "2026-04-27T11:00:00-07:00",
      meetingUrl: "https://meet.google.com/kel-pied-clo",
    });
  });

  it("classic Outlook rejection: the owner's free note is not a field", async () => {
    expect(await understand("outlook-classic-forward-rejection.eml")).toMatchObject({
      kind: "rejection",
      company: "Ashgrove Labs",
      role: "Research Data Scientist",
      contact: { name: "Sam Whitlock", email: "sam.whitlock@ashgrove-labs.example" },
      promisedTimeline: null,
    });
  });

  it("Apple Mail phone screen: a phone interview, its length, GMT in March is London", async () => {
    expect(await understand("apple-mail-forward-phone-screen.eml")).toMatchObject({
      kind: "invitation",
      company: "Lanternfish Studio",
      role: "Junior Copywriter",
      start: "2026-03-25T14:00:00+00:00",
      tz: "Europe/London",
      durationMin: 30,
      format: "phone",
    });
  });

  it("iOS-quoted offer: the job's start date is not an interview", async () => {
    expect(await understand("apple-mail-ios-quoted-offer.eml")).toMatchObject({
      kind: "offer",
      company: "Tallowmere Bank",
      role: "Senior Data Analyst",
      contact: { name: "Nadia Whitcombe", email: "nadia.whitcombe@tallowmere-bank.example" },
      start: null,
      startLocal: null,
    });
  });

  it("C9: a person signing for a shared (replyable) mailbox is the contact, with that mailbox", async () => {
    expect(await understand("thunderbird-forward-confirmation.eml")).toMatchObject({
      kind: "scheduling_confirmation",
      company: "Vireo Robotics",
      role: "Embedded Software Engineer",
      contact: { name: "Anna Keller", email: "talent@vireo-robotics.example" },
      start: "2026-05-14T09:00:00+02:00",
      tz: "Europe/Zurich",
      durationMin: 90,
      format: "onsite",
    });
  });

  it("forward-as-attachment with a Windows-zone calendar: the calendar gives time, length, link and interviewers; the role hint overrides", async () => {
    expect(await understand("thunderbird-attachment-invite-ics.eml")).toEqual({
      kind: "invitation",
      isJobRelated: true,
      language: "fr",
      company: "Lindqvist & Roux SA",
      role: "Consultante SAP FI/CO",
      contact: { name: null, email: "recrutement@lindqvist-roux.example" },
      interviewers: [{ name: "Bastien Roux", email: "bastien.roux@lindqvist-roux.example" }],
      start: "2026-05-27T10:00:00+02:00",
      tz: "Europe/Paris",
      startLocal: "2026-05-27T10:00:00",
      proposedSlots: [],
      previousStart: null,
      durationMin: 45,
      format: "video",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_TFJfZW50cmV0aWVu%40thread.v2/0?context=%7b%22Tid%22%3a%22lr%22%7d",
      schedulingUrl: null,
      promisedTimeline: null,
      noCalls: false,
      calendar: { method: "REQUEST", uid: "lr-0527-entretien@lindqvist-roux.example", sequence: 0 },
      confidence: expect.any(Object),
      // C9: "Bonjour Mira," from the team's mailbox, signed by the team: a register, no name.
      addressing: { email: "recrutement@lindqvist-roux.example", name: "Recrutement Lindqvist & Roux", signedAs: null, familyName: null, title: null, formality: "informal" },
    } satisfies Understanding);
  });

  it("R2: an acknowledgement promising 'within 10 business days' is generic with a dated timeline", async () => {
    expect(await understand("yahoo-forward-acknowledgement.eml")).toMatchObject({
      kind: "generic",
      isJobRelated: true,
      company: "Copperbeech Housing Trust",
      role: "Maintenance Planner",
      contact: { name: null, email: "careers@copperbeech-housing.example" },
      promisedTimeline: { amount: 10, unit: "business_days", by: "2026-02-16" },
    });
  });

  it("Proton next round: final round in Central Time, '2 hours', on site", async () => {
    expect(await understand("proton-forward-next-round.eml")).toMatchObject({
      kind: "next_round",
      company: "Birchway Systems",
      role: "Support Engineer",
      start: "2026-04-16T10:00:00-05:00",
      tz: "America/Chicago",
      durationMin: 120,
      format: "onsite",
    });
  });

  it("C8: direct mail proposing three slots: no start, the slots, the booking link, and 'no phone calls'", async () => {
    expect(await understand("direct-auto-forward-invite.eml", ["me@example.com"])).toMatchObject({
      kind: "invitation",
      company: "Fjordline Media",
      role: "Video Editor",
      contact: { name: "Greta Solberg", email: "greta.solberg@fjordline-media.example" },
      start: null,
      tz: null,
      proposedSlots: ["2026-03-24T10:00:00+01:00", "2026-03-25T14:00:00+01:00", "2026-03-27T09:30:00+01:00"],
      format: "video",
      meetingUrl: null,
      schedulingUrl: "https://calendly.com/fjordline-greta/interview",
      noCalls: true,
    });
  });

  it("HTML-only cancellation from an agency: the employer is the company the position is at, the agency's mailbox the contact; the cancelled slot is kept", async () => {
    expect(await understand("html-only-forward-cancellation.eml")).toMatchObject({
      kind: "cancellation",
      company: "Pemberton & Hale",
      role: "Office Manager",
      contact: { name: null, email: "jobs@wren-tallis.example" },
      start: "2026-05-22T11:00:00+01:00",
      tz: "Europe/London",
      meetingUrl: "https://meet.google.com/wrn-tals-hal",
      promisedTimeline: { amount: null, unit: null, text: "We will send you a new date shortly.", by: null },
    });
  });

  it("forward of a forward: read from the innermost original, zone written as an IANA name", async () => {
    expect(await understand("forward-of-forward.eml")).toMatchObject({
      kind: "invitation",
      company: "Tessel Freight",
      role: "Backend Developer",
      contact: { name: "Lotte de Graaf", email: "lotte.degraaf@tessel-freight.example" },
      start: "2026-04-21T11:00:00+02:00",
      tz: "Europe/Amsterdam",
      format: "onsite",
    });
  });

  it("an owner's hint from a middle forward overrides the company read from the text", async () => {
    const understood = await understand("forward-of-forward.eml", ["me@example.com", "mira.okonkwo@oldmail.example"]);
    expect(understood.company).toBe("Tessel Freight B.V.");
  });

  it("a UTC calendar on the outer forward: the language's zone is taken because it agrees with the text's wall time", async () => {
    expect(await understand("gmail-forward-ics-on-outer.eml")).toMatchObject({
      kind: "invitation",
      language: "fr",
      company: "Atelier Corbeau",
      role: "Développeuse Python",
      contact: { name: "Sacha Morel", email: "sacha.morel@atelier-corbeau.example" },
      start: "2026-06-09T15:00:00+02:00",
      tz: "Europe/Paris",
      durationMin: 60,
      format: "video",
      meetingUrl: "https://meet.google.com/crb-eaut-ech",
      calendar: { method: "REQUEST", uid: "corbeau-0609-entretien@google.com", sequence: 0 },
    });
  });

  it("a recruiter's reply quoting the owner: the confirmed slot comes from the reply, not the quoted options", async () => {
    expect(await understand("direct-reply-quoting-owner.eml")).toMatchObject({
      kind: "scheduling_confirmation",
      company: "Northmoor Energy",
      role: "Grid Analyst",
      contact: { name: "Ines Dalgaard", email: "ines.dalgaard@northmoor-energy.example" },
      start: "2026-04-21T10:00:00+01:00",
      tz: "Europe/London",
      proposedSlots: [],
      format: "onsite",
    });
  });
});

describe("understandEmail: rules over unwrapped mail", () => {
  it("mail that is not about a job is generic and names no company, role or contact", () => {
    const understood = understandEmail(forwarded({ from: { name: "Lumen Outdoor Shop", address: "orders@lumen-shop.example" }, subject: "Your order has shipped", text: "Your parcel arrives on Tuesday, May 12 at 10:00." }));
    expect(understood).toMatchObject({ kind: "generic", isJobRelated: false, company: null, role: null, contact: null, start: null, startLocal: null });
  });

  it("names interviewers only in mail about an interview: an offer recalling whom you met names none", () => {
    const met = "we enjoyed your video interview with Dev Malhotra, our Engineering Manager";
    const invitation = understandEmail(forwarded({ subject: "Interview invitation: Data Engineer", text: `Hi Mira,\n\nWe would like to invite you to ${met.replace("we enjoyed your", "a")} on Tuesday, May 12 at 10:00 CEST.\n\nBest,\nKim` }));
    expect(invitation.kind).toBe("invitation");
    expect(invitation.interviewers).toEqual([{ name: "Dev Malhotra", email: null }]);
    const offer = understandEmail(forwarded({ subject: "Your offer: Data Engineer", text: `Hi Mira,\n\n${met[0]!.toUpperCase()}${met.slice(1)}. We are delighted to offer you the position of Data Engineer.\n\nBest,\nKim` }));
    expect(offer.kind).toBe("offer");
    expect(offer.interviewers).toEqual([]);
  });

  it("the sender's Date offset alone does not name a zone: the time stays local", () => {
    const understood = understandEmail(forwarded({ text: "Your interview for the Welder position is confirmed for Monday, May 11, 2026 at 3 PM." }));
    expect(understood).toMatchObject({ kind: "scheduling_confirmation", start: null, tz: null, startLocal: "2026-05-11T15:00:00" });
  });

  it("the language's home zone is taken only with an offset the mail itself states", () => {
    const text = "Wir laden Sie zu einem Vorstellungsgespräch ein.\nTermin: Montag, 11. Mai 2026, 15:00 Uhr";
    expect(understandEmail(forwarded({ text, dateOffsetMin: 120 }))).toMatchObject({ start: "2026-05-11T15:00:00+02:00", tz: "Europe/Berlin" });
    expect(understandEmail(forwarded({ text, dateOffsetMin: null }))).toMatchObject({ start: null, tz: null, startLocal: "2026-05-11T15:00:00" });
    expect(understandEmail(forwarded({ text, dateOffsetMin: -300 }))).toMatchObject({ start: null, tz: null });
  });

  it("the owner's hints override kind, role, company, contact, format, zone and duration", () => {
    const understood = understandEmail(forwarded({
      text: "Your interview for the Welder position is confirmed for Monday, May 11, 2026 at 3 PM.",
      hints: { kind: "rejected", role: "Senior Welder", company: "Ironvale Ltd", contact: "Kim Roe <kim.roe@ironvale.example>", format: "on site", zone: "Europe/Dublin", duration: "90 minutes" },
    }));
    expect(understood).toMatchObject({
      kind: "rejection",
      role: "Senior Welder",
      company: "Ironvale Ltd",
      contact: { name: "Kim Roe", email: "kim.roe@ironvale.example" },
      format: "onsite",
    });
    // A rejection carries no slot.
    expect(understood.start).toBeNull();
  });

  it("a zone hint places a text time; a duration hint gives the length", () => {
    const understood = understandEmail(forwarded({
      text: "Your interview for the Welder position is confirmed for Monday, May 11, 2026 at 3 PM.",
      hints: { zone: "Europe/Dublin", duration: "90 minutes" },
    }));
    expect(understood).toMatchObject({ start: "2026-05-11T15:00:00+01:00", tz: "Europe/Dublin", durationMin: 90 });
  });

  it("the length is read from the first line that names it, not from minutes elsewhere", () => {
    const text = [
      "Your interview for the Welder position is confirmed for Monday, May 11, 2026 at 3 PM. It takes place in Hall B.",
      "Please arrive 10 minutes early.",
      "Duration: 45 minutes",
      "Length of the tour: 30 minutes",
    ].join("\n");
    expect(understandEmail(forwarded({ text })).durationMin).toBe(45);
    expect(understandEmail(forwarded({ text: text.replace("Duration: 45 minutes\n", "") })).durationMin).toBe(30);
  });
});

describe("understandEmail: who and what, whatever service carried the mail", () => {
  it.each([
    [
      "an ATS relays the recruiter from a no-reply address; the reply address reaches her",
      "greenhouse-relay-reply-to-recruiter.eml",
      { company: "Tarnwood Energy", role: "Site Reliability Engineer", contact: { name: "Nadia Osei", email: "nadia.osei@tarnwood-energy.example" } },
    ],
    [
      "a programme mailbox: the company without 'Early Careers', the mailbox as the contact",
      "gmail-forward-early-careers-mailbox.eml",
      { company: "Halloway Bio", role: "Graduate Research Associate", contact: { name: null, email: "earlycareers@hallowaybio.example" } },
    ],
    [
      "a booking tool's confirmation: the employer from the event's two sides, the organizer as contact, never the tool",
      "calendly-confirmation-both-sides.eml",
      { company: "Corbel Analytics", contact: { name: "Theo Lindqvist", email: "theo.lindqvist@corbel-analytics.example" } },
    ],
    [
      "a calendar notification: the employer from the title, the role after its bar, the organizer's address as contact",
      "google-calendar-notification-both-sides.eml",
      { company: "Quarry Lane Labs", role: "Data Platform Engineer", contact: { name: null, email: "ravi.menon@quarrylane.example" } },
    ],
    [
      "an HTML-only Teams invitation: a name with an abbreviation dot, not the video product",
      "outlook-html-only-teams-saint-name.eml",
      { company: "St. Marrow Children's Hospital", role: "Pediatric Nurse Practitioner", contact: { name: "Rosalind Achebe", email: "r.achebe@stmarrow.example" } },
    ],
    [
      "an ATS sending under the employer's name: 'and I' ends the name; the signer has no address of her own",
      "workday-noreply-named-recruiter.eml",
      { company: "Brisco Freight", role: "Dispatch Supervisor", contact: { name: "Colette Marsh", email: null } },
    ],
    [
      "Spanish, from an ATS: the role before 'está confirmada', a labelled contact person",
      "gmail-es-smartrecruiters-confirmada.eml",
      { company: "Grupo Alcora", role: "Analista de Riesgos", contact: { name: "Lucía Garrido", email: null } },
    ],
    [
      "German, a plain part that only says to read the HTML: everything is read from the HTML",
      "personio-de-plain-stub.eml",
      { company: "Nordhafen Logistik GmbH", role: "Fachkraft für Lagerlogistik (m/w/d)", contact: { name: "Jana Behrens", email: "jana.behrens@nordhafen-logistik.example" } },
    ],
    [
      "Dutch, Markdown emphasis around the role; the signer's own address is in the text",
      "outlook-nl-ashby-rejection-markdown.eml",
      { company: "Veldkamp", role: "Medior Backend Developer", contact: { name: "Sanne de Vries", email: "sanne.devries@veldkamp.example" } },
    ],
    [
      "a delegate writing on behalf of the careers mailbox",
      "outlook-forward-on-behalf-of-mailbox.eml",
      { company: "Corvin & Hale", role: "Tax Associate", contact: { name: "Lisa Brandt", email: "careers@corvinhale.example" } },
    ],
    [
      "French: the employer only in the signature, spelled by the sender's domain",
      "gmail-fr-signature-names-employer.eml",
      { company: "Maison Verlaine", role: "Chargée de clientèle", contact: { name: "Hélène Marchetti", email: "h.marchetti@maison-verlaine.example" } },
    ],
    [
      "a person writing through a network ('Jo Park via LinkedIn') is a person, not the employer",
      "linkedin-inmail-person-via.eml",
      { company: "Fenwick Analytics", role: "Data Engineer", contact: { name: "Jo Park", email: null } },
    ],
  ])("%s", async (_, fixture, expected) => {
    expect(await understand(fixture)).toMatchObject(expected);
  });

  it("each field carries its confidence and the evidence for it", async () => {
    const u = await understand("gmail-fr-signature-names-employer.eml");
    expect(u.confidence?.company).toEqual({ score: expect.any(Number), evidence: expect.arrayContaining(['signature: "Maison Verlaine" (1)', "matches the sender's domain maison-verlaine.example (1.5)"]) });
    expect(u.confidence?.company?.score).toBeGreaterThanOrEqual(SURE_SCORE);
    expect(u.confidence?.contact?.evidence).toEqual(["sender Hélène Marchetti <h.marchetti@maison-verlaine.example>"]);
  });

  it("the owner's own address is never the contact, in any case (their own mail forwarded without a forward block)", () => {
    const own = forwarded({ from: { name: "Mira", address: "ME@example.com" }, to: [], subject: "Fwd: Interview - Courier at Harrow Mills", text: "Invitation attached." });
    expect(understandEmail(own, ["me@example.com"]).contact).toBeNull();
    expect(understandEmail(own, ["me@example.com"]).company).toBe("Harrow Mills");
  });

  it("what the owner's note says is not doubted", () => {
    const u = understandEmail(forwarded({ text: "We would like to meet you.", hints: { company: "Harrow Mills", role: "Data Engineer" } }));
    expect(u.confidence?.company).toEqual({ score: 1, evidence: ["your note above the forward"] });
    expect(u.confidence?.role).toEqual({ score: 1, evidence: ["your note above the forward"] });
  });

  it("a company named once, with nothing to confirm it, is kept but unsure; a name nothing supports is not kept", () => {
    const once = understandEmail(forwarded({ subject: "Hello", text: "Thanks for applying for the Courier position at Harrow Mills.\n\nKim", from: { name: "Kim", address: "kim@mail-relay.example" } }));
    expect(once.company).toBe("Harrow Mills");
    expect(once.confidence?.company?.score).toBeLessThan(SURE_SCORE);
    const weak = understandEmail(forwarded({ subject: "Interview: Mira Okonkwo <> Oakhurst", text: "See you on Tuesday for the interview." }));
    expect(weak.company).toBeNull();
    expect(weak.confidence?.company).toEqual({ score: expect.any(Number), evidence: ['a title naming both sides: "Oakhurst" (1)'] });
  });
});

async function understand(name: string, ownerAddresses: string[] = []): Promise<Understanding> {
  const raw = await readFile(new URL(`../../fixtures/emails/${name}`, import.meta.url));
  const parsed = await parseMime(new Uint8Array(raw));
  if (!parsed.ok) throw new Error(`fixture ${name} did not parse: ${parsed.error.reason}`);
  return understandEmail(await unwrapForward(parsed.value, { ownerAddresses }));
}

function forwarded(overrides: Partial<OriginalMessage> & { hints?: Record<string, string> }): ForwardedEmail {
  const { hints = {}, ...original } = overrides;
  return {
    style: "gmail",
    depth: 1,
    note: { text: "", hints },
    original: {
      from: { name: "Kim Roe", address: "kim.roe@ironvale.example" },
      to: [{ name: "Mira Okonkwo", address: "me@example.com" }],
      cc: [],
      replyTo: null,
      date: "2026-05-04T10:00:00+02:00",
      dateOffsetMin: null,
      subject: "Interview",
      messageId: null,
      text: "",
      html: null,
      links: [],
      calendars: [],
      ...original,
    },
  };
}
