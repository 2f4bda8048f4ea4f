/**
 * The services that carry recruiting mail but never employ the reader: applicant tracking
 * systems, booking tools, video and calendar products, mail providers, job boards. Pure
 * lookups over fixed tables.
 *
 * Their names and product titles ("Zoom Meeting", "Google Meet Interview", an ATS's brand in a
 * footer or sender name) are never the company; their service addresses (no-reply@, messenger@,
 * a notifier on their domain) are never the contact. A mail provider's domain (gmail.com) names
 * no employer, but a person writing from it is still a contact. An employer's own team mailbox
 * (careers@, jobs@, personal@) is not a service address: a follow-up can go there.
 *
 * The table is maintained by hand: add a service when mail from it is misread.
 */

/** Service brands and product names, folded (lower case, no accents). */
const PLATFORM_NAMES = new Set([
  // Video and calendar
  "zoom", "zoom us", "zoom video communications", "google meet", "google hangouts", "hangouts", "google calendar",
  "google workspace", "microsoft teams", "ms teams", "teams", "microsoft outlook", "microsoft exchange",
  "microsoft bookings", "outlook", "exchange", "skype", "skype for business", "webex", "cisco webex", "gotomeeting", "goto",
  "goto meeting", "bluejeans", "whereby", "jitsi", "jitsi meet", "amazon chime", "loom", "icloud calendar",
  "apple calendar", "ical", "thunderbird", "proton calendar", "yahoo calendar", "zoho calendar",
  // Booking and interview scheduling
  "calendly", "cal.com", "savvycal", "youcanbook.me", "doodle", "zcal", "tidycal", "koalendar", "goodtime", "goodtime.io",
  "modernloop", "hubspot", "hubspot meetings", "acuity", "acuity scheduling", "setmore", "simplybook",
  "hirevue", "spark hire", "willo", "vidcruiter", "interviewstream", "karat", "codility", "hackerrank", "codesignal",
  "coderpad", "testgorilla",
  // Applicant tracking and HR systems
  "greenhouse", "greenhouse recruiting", "lever", "workday", "workday recruiting", "smartrecruiters", "ashby", "ashbyhq",
  "workable", "personio", "recruitee", "bamboohr", "bamboo hr", "icims", "jobvite", "taleo", "oracle taleo",
  "oracle recruiting", "successfactors", "sap successfactors", "teamtailor", "jazzhr", "jazz hr", "breezy", "breezy hr",
  "pinpoint", "comeet", "bullhorn", "manatal", "hirebee", "zoho recruit",
  "freshteam", "recruiterbox", "homerun", "join.com", "softgarden", "rexx", "rexx systems", "d.vinci", "dvinci",
  "onlyfy", "prescreen", "concludis", "umantis", "haufe umantis", "ultipro", "ukg", "paylocity", "adp",
  "paycom", "paychex", "avature", "beamery", "eightfold", "hireology", "clearcompany", "apploi",
  "harver", "recruitcrm", "loxo", "odoo", "opencats", "zohorecruit", "flatchr",
  "welcome to the jungle", "talentsoft", "kenjo", "hibob", "hireroad", "talentlyft",
  "occupop", "trakstar", "hiringthing", "jobscore", "hirehive", "hireful", "tribepad", "eploy", "oleeo",
  // Job boards and networks
  "linkedin", "linkedin jobs", "indeed", "glassdoor", "xing", "stepstone", "ziprecruiter", "wellfound",
  "angellist", "otta", "totaljobs", "naukri", "infojobs", "jobteaser", "handshake",
  "welcome kit", "jobat", "nationale vacaturebank", "werkzoeken", "indeed flex",
  // Mail providers
  "gmail", "google mail", "yahoo", "yahoo mail", "hotmail", "outlook.com", "icloud", "icloud mail", "proton", "proton mail",
  "protonmail", "gmx", "web.de", "aol", "zoho mail", "fastmail", "tutanota", "mail.com",
]);

const PLATFORM_FIRST_WORDS = new Set([...PLATFORM_NAMES].map((name) => name.split(" ")[0] ?? name));
// Where a name's first word ends: the name is split at spaces and hyphens.
const FIRST_WORD_END = /[ -]/;

// Words a product adds to its brand in a title: "Zoom Meeting", "Google Meet Interview", "Teams-Besprechung".
const PRODUCT_WORDS = new Set([
  "meeting", "meetings", "interview", "interviews", "call", "calls", "event", "events", "invitation", "invite", "invites",
  "webinar", "link", "video", "videos", "calendar", "notification", "notifications", "notifier", "recruiting", "recruitment",
  "careers", "career", "jobs", "job", "hiring", "ats", "scheduler", "scheduling", "booking", "bookings", "appointment",
  "appointments", "conference", "room", "rooms", "app", "apps", "platform", "support", "team", "mail", "email", "inbox",
  "besprechung", "reunión", "reunion", "réunion", "reunião", "vergadering", "sitzung", "visio",
  "videoconference", "videokonferenz", "videollamada", "chamada", "online", "inc", "llc", "ltd", "gmbh", "for", "business",
  "workplace", "phone", "audio", "personal", "id", "join", "joining", "info", "information", "details", "via",
  "virtual", "the", "a", "an", "-", "–", "—", "|", "·", ":",
]);

/**
 * Registrable domains of these services (and the hosts they send from). A subdomain counts:
 * "us.greenhouse-mail.io" is greenhouse-mail.io.
 */
const SERVICE_DOMAINS = new Set([
  // Video and calendar
  "zoom.us", "zoom.com", "zoomgov.com", "google.com", "googlemail.com", "calendar.google.com", "meet.google.com",
  "microsoft.com", "teams.microsoft.com", "office.com", "office365.com", "microsoftonline.com", "outlook.office365.com",
  "sharepoint.com", "webex.com", "skype.com", "gotomeeting.com", "goto.com", "bluejeans.com", "whereby.com", "jit.si",
  "chime.aws", "icloud.com", "apple.com",
  // Booking and interview scheduling
  "calendly.com", "cal.com", "savvycal.com", "youcanbook.me", "doodle.com", "zcal.co", "tidycal.com", "koalendar.com",
  "goodtime.io", "modernloop.io", "prelude.co", "hubspot.com", "hubspotemail.net", "acuityscheduling.com", "setmore.com",
  "hirevue.com", "sparkhire.com", "willo.video", "vidcruiter.com", "karat.io", "codility.com", "hackerrank.com",
  "codesignal.com", "coderpad.io", "testgorilla.com",
  // Applicant tracking and HR systems
  "greenhouse.io", "greenhouse-mail.io", "lever.co", "hire.lever.co", "myworkday.com", "workday.com", "myworkdayjobs.com",
  "smartrecruiters.com", "smartrecruiters.net", "ashbyhq.com", "ashbyhq.email", "workable.com", "workablemail.com",
  "personio.de", "personio.com", "recruitee.com", "bamboohr.com", "icims.com", "jobvite.com", "taleo.net", "oracle.com",
  "oraclecloud.com", "successfactors.com", "successfactors.eu", "sapsf.com", "sapsf.eu", "teamtailor.com",
  "teamtailor-mail.com", "jazzhr.com", "applytojob.com", "breezy.hr", "breezyhr.com", "pinpointhq.com", "comeet.co",
  "comeet.com", "gem.com", "rippling.com", "gusto.com", "deel.com", "bullhorn.com", "manatal.com", "hirebee.ai",
  "zohorecruit.com", "zoho.com", "zohomail.com", "freshteam.com", "recruiterbox.com", "homerun.co", "join.com",
  "softgarden.io", "softgarden.de", "rexx-systems.com", "dvinci.de", "dvinci-easy.com", "onlyfy.jobs", "prescreen.io",
  "concludis.de", "umantis.com", "ultipro.com", "ukg.com", "paylocity.com", "adp.com", "paycomonline.net",
  "cornerstoneondemand.com", "csod.com", "avature.net", "phenom.com", "beamery.com", "eightfold.ai", "hireology.com",
  "clearcompany.com", "apploi.com", "fountain.com", "harver.com", "paradox.ai", "recruitcrm.io", "loxo.co", "flatchr.io",
  "welcometothejungle.com", "talentsoft.com", "factorialhr.com", "kenjo.io", "hibob.com", "trakstar.com",
  "hiringthing.com", "jobscore.com", "hirehive.com", "tribepad.com", "eploy.net", "oleeo.com", "talentlyft.com",
  // Job boards and networks
  "linkedin.com", "indeed.com", "indeedemail.com", "glassdoor.com", "xing.com", "stepstone.de", "stepstone.com",
  "monster.com", "ziprecruiter.com", "wellfound.com", "angel.co", "otta.com", "hired.com", "dice.com", "totaljobs.com",
  "reed.co.uk", "seek.com.au", "naukri.com", "infojobs.net", "jobteaser.com", "joinhandshake.com",
  // Mail delivery and link wrapping
  "sendgrid.net", "mailgun.org", "mailchimp.com", "mandrillapp.com", "amazonses.com", "sparkpostmail.com", "mcsv.net",
  "safelinks.protection.outlook.com", "protection.outlook.com", "urldefense.com", "urldefense.proofpoint.com",
]);

/** Mail providers: their domains name no employer, but a person may write from them. */
const MAIL_PROVIDER_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.es",
  "live.com", "live.nl", "live.fr", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "ymail.com",
  "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.at", "gmx.ch",
  "gmx.com", "web.de", "aol.com", "zoho.com", "zohomail.com", "fastmail.com", "tutanota.com", "tuta.io", "mail.com",
  "t-online.de", "freenet.de", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "libero.it", "virgilio.it",
  "terra.com.br", "uol.com.br", "bol.com.br", "ziggo.nl", "kpn.nl", "kpnmail.nl", "telenet.be", "skynet.be", "bluewin.ch",
  "hey.com", "qq.com", "163.com", "mail.ru", "yandex.ru", "yandex.com",
]);

// Local parts of addresses that only send: notifiers, bounces, calendars ("no-reply", "calendar-notification").
const SERVICE_LOCAL_WORDS = new Set([
  "notreply", "notification", "notifications", "notify",
  "notifier", "mailer", "mailer-daemon", "daemon", "postmaster", "bounce", "bounces", "messenger", "calendar", "system",
  "automated", "automatic", "auto", "alerts", "alert", "robot", "bot", "invitations", "reminders", "reminder", "updates",
  "news", "newsletter", "digest", "unsubscribe",
]);
// "Do not reply" however it is joined, anywhere in the local part ("hr-do-not-reply", "jobs_noreply").
const NO_REPLY_SPELLINGS = ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "dontreply"];
// A notifier's word as one of the parts "-", "_", "." and "+" separate, or a no-reply spelling
// anywhere: one pattern rather than a split and a look-up per part and spelling.
const SERVICE_LOCAL_PART = new RegExp(`(?:^|[-_.+])(?:${[...SERVICE_LOCAL_WORDS].join("|")})(?=$|[-_.+])|${NO_REPLY_SPELLINGS.join("|")}`);

/** The host or a domain above it is in the set: "us.greenhouse-mail.io" is in it when "greenhouse-mail.io" is. */
function hasSuffixIn(host: string, domains: ReadonlySet<string>): boolean {
  for (let at = 0; ; ) {
    if (domains.has(at === 0 ? host : host.slice(at))) return true;
    const dot = host.indexOf(".", at);
    if (dot < 0) return false;
    at = dot + 1;
  }
}

function domainOfAddress(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/** The host names an employer: neither a service nor a mail provider runs it (it or a domain above it). */
export function isEmployerHost(host: string): boolean {
  if (host === "") return false;
  const lower = host.toLowerCase();
  return !hasSuffixIn(lower, SERVICE_DOMAINS) && !hasSuffixIn(lower, MAIL_PROVIDER_DOMAINS);
}

/**
 * An address that only sends: a notifier's local part anywhere, or any address on a service's
 * domain except a person's on a mail provider ("jo.park@gmail.com" is a person). `personal`
 * says the display name is the person whose address it is (an ATS relays "Jo Park"
 * <jo.park@hire.lever.co> to Jo).
 */
export function isServiceAddress(address: string, personal = false): boolean {
  const at = address.lastIndexOf("@");
  if (SERVICE_LOCAL_PART.test(address.slice(0, at).toLowerCase())) return true;
  // The host is lower-cased already.
  const host = domainOfAddress(address);
  if (hasSuffixIn(host, MAIL_PROVIDER_DOMAINS)) return false;
  return !personal && hasSuffixIn(host, SERVICE_DOMAINS);
}

/**
 * A service's name or one of its product titles: "Zoom", "Zoom Meeting", "Google Meet
 * Interview", "Microsoft Teams-Besprechung", "Greenhouse Recruiting". `folded` is lower case
 * without accents. A name that goes on with a word of its own ("Greenhouse Foods") is not one.
 */
export function isPlatformName(folded: string): boolean {
  const name = folded.trim();
  if (PLATFORM_NAMES.has(name)) return true;
  // Most names open with no brand's first word: it is read before the name is split.
  const firstEnd = name.search(FIRST_WORD_END);
  if (firstEnd !== 0 && !PLATFORM_FIRST_WORDS.has(firstEnd < 0 ? name : name.slice(0, firstEnd))) return false;
  const tokens = name.replaceAll("-", " ").split(" ").filter(Boolean);
  if (tokens.length < 2) return false;
  // The longest brand the name opens with, then only product words.
  for (let end = Math.min(tokens.length - 1, 3); end >= 1; end--) {
    if (!PLATFORM_NAMES.has(tokens.slice(0, end).join(" "))) continue;
    return tokens.slice(end).every((token) => PRODUCT_WORDS.has(token) || PLATFORM_NAMES.has(token));
  }
  return false;
}
