/**
 * One forwarded email per mail client's forward style, each through the real email() handler
 * into the real local D1: the original is found, understood and filed, and a confirmation goes
 * to the owner. The fixtures were written for these tests (test/fixtures/emails/).
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll } from "../helpers/seed.ts";
import { recordSendEmail } from "../helpers/send-email-recorder.ts";
import appleMailForwardPhoneScreen from "../fixtures/emails/apple-mail-forward-phone-screen.eml?raw";
import appleMailIosQuotedOffer from "../fixtures/emails/apple-mail-ios-quoted-offer.eml?raw";
import directAutoForwardInvite from "../fixtures/emails/direct-auto-forward-invite.eml?raw";
import directReplyQuotingOwner from "../fixtures/emails/direct-reply-quoting-owner.eml?raw";
import forwardOfForward from "../fixtures/emails/forward-of-forward.eml?raw";
import gmailForwardDeRejection from "../fixtures/emails/gmail-forward-de-rejection.eml?raw";
import gmailForwardIcsOnOuter from "../fixtures/emails/gmail-forward-ics-on-outer.eml?raw";
import gmailForwardInvite from "../fixtures/emails/gmail-forward-invite.eml?raw";
import htmlOnlyForwardCancellation from "../fixtures/emails/html-only-forward-cancellation.eml?raw";
import outlookClassicForwardRejection from "../fixtures/emails/outlook-classic-forward-rejection.eml?raw";
import outlookForwardConfirmation from "../fixtures/emails/outlook-forward-confirmation.eml?raw";
import outlookForwardDeInvitation from "../fixtures/emails/outlook-forward-de-invitation.eml?raw";
import outlookForwardEsOffer from "../fixtures/emails/outlook-forward-es-offer.eml?raw";
import outlookForwardFrNextRound from "../fixtures/emails/outlook-forward-fr-next-round.eml?raw";
import outlookForwardNlRejection from "../fixtures/emails/outlook-forward-nl-rejection.eml?raw";
import outlookForwardPtReschedule from "../fixtures/emails/outlook-forward-pt-reschedule.eml?raw";
import outlookIosForwardReschedule from "../fixtures/emails/outlook-ios-forward-reschedule.eml?raw";
import protonForwardNextRound from "../fixtures/emails/proton-forward-next-round.eml?raw";
import thunderbirdAttachmentInviteIcs from "../fixtures/emails/thunderbird-attachment-invite-ics.eml?raw";
import thunderbirdForwardConfirmation from "../fixtures/emails/thunderbird-forward-confirmation.eml?raw";
import yahooForwardAcknowledgement from "../fixtures/emails/yahoo-forward-acknowledgement.eml?raw";
import tooDeep from "../fixtures/emails/forward-chain-too-deep.eml?raw";
import { forwardingAddress } from "../helpers/addresses.ts";

/** Every style arrives at the private forwarding address; direct auto-forwards with the owner's forwarding rule's SRS envelope. */
async function envelopeFor(raw: string) {
  const direct = !/^From:.*me@example\.com/im.test(raw.slice(0, raw.search(/\r?\n\r?\n/)));
  return { from: direct ? "SRS0=hh=tt=example.com=me@example.com" : "me@example.com", to: await forwardingAddress() };
}

const CASES: [string, string, { kind: string; company: string; role: string; start: string | null }][] = [
  ["apple-mail-forward-phone-screen", appleMailForwardPhoneScreen, { kind: "invitation", company: "Lanternfish Studio", role: "Junior Copywriter", start: "2026-03-25T14:00:00+00:00" }],
  ["apple-mail-ios-quoted-offer", appleMailIosQuotedOffer, { kind: "offer", company: "Tallowmere Bank", role: "Senior Data Analyst", start: null }],
  ["direct-auto-forward-invite", directAutoForwardInvite, { kind: "invitation", company: "Fjordline Media", role: "Video Editor", start: null }],
  ["direct-reply-quoting-owner", directReplyQuotingOwner, { kind: "scheduling_confirmation", company: "Northmoor Energy", role: "Grid Analyst", start: "2026-04-21T10:00:00+01:00" }],
  ["forward-of-forward", forwardOfForward, { kind: "invitation", company: "Tessel Freight", role: "Backend Developer", start: "2026-04-21T11:00:00+02:00" }],
  ["gmail-forward-de-rejection", gmailForwardDeRejection, { kind: "rejection", company: "Falkenried Logistik GmbH", role: "Lagerlogistiker (m/w/d)", start: null }],
  ["gmail-forward-ics-on-outer", gmailForwardIcsOnOuter, { kind: "invitation", company: "Atelier Corbeau", role: "Développeuse Python", start: "2026-06-09T15:00:00+02:00" }],
  ["gmail-forward-invite", gmailForwardInvite, { kind: "invitation", company: "Quillfeather Analytics", role: "Platform Engineer", start: "2026-03-19T15:00:00+01:00" }],
  ["html-only-forward-cancellation", htmlOnlyForwardCancellation, { kind: "cancellation", company: "Pemberton & Hale", role: "Office Manager", start: "2026-05-22T11:00:00+01:00" }],
  ["outlook-classic-forward-rejection", outlookClassicForwardRejection, { kind: "rejection", company: "Ashgrove Labs", role: "Research Data Scientist", start: null }],
  ["outlook-forward-confirmation", outlookForwardConfirmation, { kind: "scheduling_confirmation", company: "Harbourline Ferries", role: "Customer Support Lead", start: "2026-05-12T10:30:00-04:00" }],
  ["outlook-forward-de-invitation", outlookForwardDeInvitation, { kind: "invitation", company: "Brennholt Werke GmbH", role: "Industriemechaniker (m/w/d)", start: "2026-05-19T13:30:00+02:00" }],
  ["outlook-forward-es-offer", outlookForwardEsOffer, { kind: "offer", company: "Veloria Seguros", role: "Analista de Datos", start: null }],
  ["outlook-forward-fr-next-round", outlookForwardFrNextRound, { kind: "next_round", company: "Ombrelune", role: "Cheffe de produit", start: "2026-06-02T11:00:00+02:00" }],
  ["outlook-forward-nl-rejection", outlookForwardNlRejection, { kind: "rejection", company: "Duinwater", role: "Procesoperator", start: null }],
  ["outlook-forward-pt-reschedule", outlookForwardPtReschedule, { kind: "reschedule", company: "Marebrava", role: "Engenheira de Dados", start: "2026-06-18T10:00:00+01:00" }],
  ["outlook-ios-forward-reschedule", outlookIosForwardReschedule, { kind: "reschedule", company: "Kelpie Cloud", role: "Solutions Architect", start: "2026-04-29T13:00:00-07:00" }],
  ["proton-forward-next-round", protonForwardNextRound, { kind: "next_round", company: "Birchway Systems", role: "Support Engineer", start: "2026-04-16T10:00:00-05:00" }],
  ["thunderbird-attachment-invite-ics", thunderbirdAttachmentInviteIcs, { kind: "invitation", company: "Lindqvist & Roux SA", role: "Consultante SAP FI/CO", start: "2026-05-27T10:00:00+02:00" }],
  ["thunderbird-forward-confirmation", thunderbirdForwardConfirmation, { kind: "scheduling_confirmation", company: "Vireo Robotics", role: "Embedded Software Engineer", start: "2026-05-14T09:00:00+02:00" }],
  ["yahoo-forward-acknowledgement", yahooForwardAcknowledgement, { kind: "generic", company: "Copperbeech Housing Trust", role: "Maintenance Planner", start: null }],
];

beforeEach(async () => {
  await clearAll(env.DB);
});

describe("forward styles", () => {
  it.each(CASES)("%s: found, understood, filed and confirmed", async (_name, raw, expected) => {
    const mail = recordSendEmail(env.EMAIL);
    const { message, rejections } = makeEmail(await envelopeFor(raw), raw);
    await worker.email(message, { ...env, EMAIL: mail.binding });
    expect(rejections).toEqual([]);

    const inbound = await env.DB.prepare("SELECT state, understanding FROM inbound_messages").first<{ state: string; understanding: string }>();
    expect(inbound?.state).toBe("understood");
    const understanding = JSON.parse(inbound!.understanding);
    expect(understanding).toMatchObject({ kind: expected.kind, company: expected.company, role: expected.role, start: expected.start });

    const app = await env.DB.prepare("SELECT company, role, status FROM applications").first();
    expect(app).toMatchObject({ company: expected.company, role: expected.role });
    if (expected.kind === "rejection") expect(app?.status).toBe("rejected");
    if (expected.kind === "offer") expect(app?.status).toBe("offer");
    const interviews = await env.DB.prepare("SELECT start_at FROM interviews").all<{ start_at: number }>();
    if (expected.start && expected.kind !== "cancellation") expect(interviews.results).toEqual([{ start_at: Date.parse(expected.start) }]);

    expect(mail.raws).toHaveLength(1);
    const confirmation = await mail.parsed(0);
    expect(confirmation.subject).toBe(`Filed: ${expected.company}`);
    expect(confirmation.text).toContain(expected.role);
  });

  it("a chain of forwards deeper than the limit stops at the limit: the deepest reachable message is read", async () => {
    const mail = recordSendEmail(env.EMAIL);
    const { message } = makeEmail(await envelopeFor(tooDeep), tooDeep);
    await worker.email(message, { ...env, EMAIL: mail.binding });
    const inbound = await env.DB.prepare("SELECT state, understanding FROM inbound_messages").first<{ state: string; understanding: string }>();
    expect(inbound?.state).toBe("understood");
    // Level 4 of 5: MAX_FORWARD_DEPTH is 4, so the fifth, innermost message is not unwrapped.
    expect(JSON.parse(inbound!.understanding).contact).toEqual({ name: "Level Four", email: "four@relay.example" });
    expect(mail.raws).toHaveLength(1);
  });
});
