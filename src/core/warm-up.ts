/**
 * Reads built-in forwards once, at isolate start-up, so the first real email does not pay
 * for compiling the pipeline. Pure: no bindings, no clock, no I/O.
 *
 * Why: V8 compiles each function and each regular expression on its first use. In a fresh
 * isolate the first email would pay for compiling parseMime → unwrapForward → understandEmail →
 * planFiling → buildConfirmation (about 50 ms of CPU on a 2-core machine, five times the Free
 * plan's 10 ms per invocation), and the first `Intl.DateTimeFormat` with a time zone loads the
 * runtime's zone database (20-40 ms). Code run while the Worker's module is evaluated counts
 * toward the start-up limit (1 s) instead.
 *
 * The samples cover the common shapes, each for the readers and patterns it takes: a plain-text
 * and HTML forward with a calendar attachment in English, an HTML-only forward in German with
 * its meeting details in the text, a French calendar invitation forwarded as an attachment, an
 * Outlook forward of a moved interview with a calendar in UTC, a calendar notification
 * auto-forwarded untouched, a German Teams invitation forwarded as an attachment with an
 * Exchange calendar and labelled details, a Portuguese and English confirmation with pictographs
 * before its labels, and a Dutch cancellation with an Outlook for Mac calendar. A pattern is
 * compiled once for text of one-byte characters and once for text with wider ones ("–", "’",
 * "⋅", emoji), and text beyond plain Latin runs the Unicode twins of the readers' patterns
 * (text/latin.ts): the samples hold both kinds. They are read twice: V8 compiles a pattern to
 * bytecode on its first run and to machine code on its second.
 *
 * The DKIM check is warmed the same way, on RFC 8463's signed example (mail/dkim-warm-up.ts).
 *
 * It never throws: a sample that cannot be read only means the first email compiles the rest.
 */
import { buildConfirmation } from "./filing/confirmation.ts";
import { warmUpDkim } from "./mail/dkim-warm-up.ts";
import { planFiling } from "./filing/plan.ts";
import type { Understanding } from "./understanding/types.ts";
import { readEmail } from "./understanding/read.ts";

const SAMPLE_OWNER = "owner@warm-up.invalid";
const SAMPLE_TIME_ZONE = "Europe/Berlin";

const ENGLISH_INVITE_WITH_CALENDAR = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: Fwd: Interview invitation - Data Engineer at Harbourlight Labs
Date: Mon, 2 Mar 2026 18:05:00 +0100
Message-ID: <warm-up-1@warm-up.invalid>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w1-mixed"

--w1-mixed
Content-Type: multipart/alternative; boundary="w1-alt"

--w1-alt
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

They liked my pipeline project.

---------- Forwarded message ---------
From: Priya Nandakumar <priya.n@harbourlight.invalid>
Date: Mon, Mar 2, 2026 at 3:12 PM
Subject: Interview invitation - Data Engineer at Harbourlight Labs
To: Sample Owner <${SAMPLE_OWNER}>

Hi Sam,

Thank you for applying for the Data Engineer position at Harbourlight Labs. We would like to
invite you to a 45-minute video interview on Tuesday, March 10, 2026 at 2:30 PM EST.
Join Zoom: https://zoom.us/j/81234567890
We will get back to you within 5 business days after the interview. Please do not call the office.

Best regards,
Priya Nandakumar
Senior Recruiter | Harbourlight Labs
+1 555 0100

--w1-alt
Content-Type: text/html; charset="UTF-8"

<div dir=3D"ltr"><p>They liked my pipeline project.</p><div class=3D"gmail_quote">---------- Forwarded message ---------<br>From: <strong>Priya Nandakumar</strong> &lt;<a href=3D"mailto:priya.n@harbourlight.invalid">priya.n@harbourlight.invalid</a>&gt;<br>Date: Mon, Mar 2, 2026 at 3:12 PM<br>Subject: Interview invitation - Data Engineer at Harbourlight Labs<br><p>Hi Sam,</p><p>Thank you for applying for the Data Engineer position.</p><p>Join Zoom: <a href=3D"https://zoom.us/j/81234567890">https://zoom.us/j/81234567890</a></p></div></div>

--w1-alt--

--w1-mixed
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Transfer-Encoding: base64

${base64Lines(`BEGIN:VCALENDAR
METHOD:REQUEST
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN=Priya Nandakumar:mailto:priya.n@harbourlight.invalid
ATTENDEE;CN=Sample Owner;RSVP=TRUE:mailto:${SAMPLE_OWNER}
SUMMARY:Interview: Data Engineer (Harbourlight Labs)
DESCRIPTION:Video interview with the data platform team.\\nJoin: https://zoom.us/j/81234567890
DTSTART;TZID=Eastern Standard Time:20260310T143000
DTEND;TZID=Eastern Standard Time:20260310T151500
UID:warm-up-1@harbourlight.invalid
SEQUENCE:0
STATUS:CONFIRMED
LOCATION:Zoom
END:VEVENT
END:VCALENDAR
`)}
--w1-mixed--
`;

const GERMAN_HTML_ONLY_FORWARD = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: WG: Einladung zum Vorstellungsgespräch
Date: Tue, 3 Mar 2026 09:10:00 +0100
Message-ID: <warm-up-2@warm-up.invalid>
MIME-Version: 1.0
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

<html><body><p>Zur Info</p><hr><p><b>Von:</b> Jana Keller &lt;jana.keller@moosbach.invalid&gt;<br><b>Gesendet:</b> Dienstag, 3. März 2026 08:41<br><b>An:</b> Sample Owner &lt;${SAMPLE_OWNER}&gt;<br><b>Betreff:</b> Einladung zum Vorstellungsgespräch</p>
<p>Sehr geehrte Frau Owner,</p><p>vielen Dank für Ihre Bewerbung als Projektleiterin (m/w/d) bei der Moosbach Logistik GmbH. Gerne laden wir Sie zu einem persönlichen Gespräch am Donnerstag, 12. März 2026 um 10:00 Uhr in unser Büro ein.</p>
<p>Adresse: Hafenstraße 12, 20457 Hamburg</p><p>Wir melden uns innerhalb von zwei Wochen bei Ihnen.</p><p>Mit freundlichen Grüßen<br>Jana Keller<br>Personalabteilung<br>Moosbach Logistik GmbH</p></body></html>
`;

const FRENCH_ATTACHED_INVITE = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: Fwd: Invitation : Entretien - Chargée de projet
Date: Wed, 4 Mar 2026 21:02:00 +0100
Message-ID: <warm-up-3@warm-up.invalid>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w3-outer"

--w3-outer
Content-Type: text/plain; charset="UTF-8"

Voir l'invitation jointe.

--w3-outer
Content-Type: message/rfc822; name="Invitation.eml"
Content-Disposition: attachment; filename="Invitation.eml"

From: "Claire Fontaine (via Google Agenda)" <calendar-notification@google.invalid>
Reply-To: Claire Fontaine <claire.fontaine@veloute.invalid>
To: Sample Owner <${SAMPLE_OWNER}>
Subject: Invitation : Entretien - Chargée de projet @ jeu. 19 mars 2026 11:00 - 11:30 (CET)
Date: Wed, 4 Mar 2026 17:30:12 +0000
Message-ID: <warm-up-3-inner@google.invalid>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w3-inner"

--w3-inner
Content-Type: multipart/alternative; boundary="w3-alt"

--w3-alt
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Bonjour,

Suite à votre candidature au poste de Chargée de projet chez Veloute SAS, nous vous proposons un
entretien en visioconférence avec Claire Fontaine et Hugo Marchand.

Quand : jeudi 19 mars 2026 11:00 – 11:30 (heure normale d'Europe centrale - Paris)
Rejoindre Google Meet : https://meet.google.com/abc-defg-hij

Merci de confirmer votre disponibilité. Nous reviendrons vers vous sous 10 jours.

Cordialement,
Claire Fontaine
Responsable du recrutement
Veloute SAS

--w3-alt
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

<div><p>Bonjour,</p><p>Suite à votre candidature au poste de Chargée de projet chez Veloute SAS, nous vous proposons un entretien en visioconférence.</p><table><tr><td>Quand</td><td>jeudi 19 mars 2026 11:00 – 11:30</td></tr></table><p><a href="https://meet.google.com/abc-defg-hij">Rejoindre Google Meet</a></p></div>

--w3-alt--

--w3-inner
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Transfer-Encoding: 7bit

BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20260319T110000
DTEND;TZID=Europe/Paris:20260319T113000
ORGANIZER;CN=Claire Fontaine:mailto:claire.fontaine@veloute.invalid
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Sample Owner:mailto:${SAMPLE_OWNER}
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Hugo Marchand:mailto:hugo.marchand@veloute.invalid
UID:warm-up-3@google.invalid
SUMMARY:Entretien - Chargée de projet
DESCRIPTION:Rejoindre Google Meet : https://meet.google.com/abc-defg-hij
SEQUENCE:0
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR

--w3-inner--

--w3-outer--
`;

const OUTLOOK_RESCHEDULE_WITH_UTC_CALENDAR = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: FW: Updated invitation: Onsite interview - Warehouse Supervisor
Date: Thu, 5 Mar 2026 08:40:00 -0500
Message-ID: <warm-up-4@warm-up.invalid>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w4-mixed"

--w4-mixed
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Moved again, see below.

________________________________
From: Marcus Bell <marcus.bell@tidewater-freight.invalid>
Sent: Wednesday, March 4, 2026 4:15 PM
To: Sample Owner <${SAMPLE_OWNER}>
Cc: Dana Ortiz <dana.ortiz@tidewater-freight.invalid>
Subject: Updated invitation: Onsite interview - Warehouse Supervisor

Hello,

We need to reschedule your interview for the Warehouse Supervisor role at Tidewater Freight Inc.
It was originally on Monday, March 9 at 9:00 AM; the new time is Wednesday, March 11, 2026 at
1:30 PM Central Time. Duration: 90 minutes.
Where: 410 Harbor Road, Suite 200, Mobile, AL 36602

Please reply to confirm. You will hear from us by March 20.

Thanks,
Marcus Bell
Talent Acquisition | Tidewater Freight Inc.

--w4-mixed
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Disposition: attachment; filename="invite.ics"

BEGIN:VCALENDAR
METHOD:REQUEST
VERSION:2.0
BEGIN:VEVENT
DTSTART:20260311T183000Z
DTEND:20260311T200000Z
ORGANIZER;CN=Marcus Bell:mailto:marcus.bell@tidewater-freight.invalid
ATTENDEE;CN=Sample Owner;PARTSTAT=NEEDS-ACTION:mailto:${SAMPLE_OWNER}
UID:warm-up-4@tidewater-freight.invalid
SEQUENCE:2
SUMMARY:Onsite interview - Warehouse Supervisor
LOCATION:410 Harbor Road\, Suite 200\, Mobile\, AL 36602
DESCRIPTION:Originally Monday\, March 9 at 9:00 AM.
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR

--w4-mixed--
`;

const CALENDAR_NOTIFICATION_AUTO_FORWARDED = `Delivered-To: assistant@warm-up.invalid
X-Forwarded-To: assistant@warm-up.invalid
X-Forwarded-For: ${SAMPLE_OWNER} assistant@warm-up.invalid
From: Google Calendar <calendar-notification@google.com>
Reply-To: tomas.rey@lindqvist-robotics.invalid
To: ${SAMPLE_OWNER}
Subject: Invitation: Technical interview: Sample Owner <> Lindqvist Robotics | Firmware Engineer @ Thu Mar 12, 2026 4pm - 5pm (CET) (${SAMPLE_OWNER})
Date: Fri, 6 Mar 2026 10:02:11 +0000
Message-ID: <warm-up-5@google.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w5-mixed"

--w5-mixed
Content-Type: multipart/alternative; boundary="w5-alt"

--w5-alt
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Technical interview: Sample Owner <> Lindqvist Robotics | Firmware Engineer
Thursday Mar 12, 2026 ⋅ 4pm – 5pm (Central European Time - Stockholm)

Join with Google Meet
https://meet.google.com/lqr-fwen-tch

Dial-in (SE) +46 8 555 010 20, PIN 402 118 377#

Organizer
tomas.rey@lindqvist-robotics.invalid

Guests
tomas.rey@lindqvist-robotics.invalid - organizer
${SAMPLE_OWNER}

Reply for ${SAMPLE_OWNER}

Invitation from Google Calendar
Sent to you as a guest of this event; decline it to stop its updates.

--w5-alt
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

<html><body><table><tr><td><h2>Technical interview: Sample Owner &lt;&gt; Lindqvist Robotics | Firmware Engineer</h2></td></tr><tr><td>Thursday Mar 12, 2026 &#8901; 4pm &ndash; 5pm (Central European Time - Stockholm)</td></tr><tr><td><a href="https://meet.google.com/lqr-fwen-tch">Join with Google Meet</a></td></tr><tr><td>Organizer<br>tomas.rey@lindqvist-robotics.invalid</td></tr></table><p>Invitation from <a href="https://calendar.google.com/calendar/">Google Calendar</a></p></body></html>

--w5-alt--

--w5-mixed
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Transfer-Encoding: 7bit

BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VEVENT
DTSTART:20260312T150000Z
DTEND:20260312T160000Z
DTSTAMP:20260306T100211Z
ORGANIZER;CN=tomas.rey@lindqvist-robotics.invalid:mailto:tomas.rey@lindqvist-robotics.invalid
UID:warm-up-5@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=tomas.rey@lindqvist-robotics.invalid;X-NUM-GUESTS=0:mailto:tomas.rey@lindqvist-robotics.invalid
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=${SAMPLE_OWNER};X-NUM-GUESTS=0:mailto:${SAMPLE_OWNER}
X-GOOGLE-CONFERENCE:https://meet.google.com/lqr-fwen-tch
DESCRIPTION:Join with Google Meet: https://meet.google.com/lqr-fwen-tch\\n\\nJoin by phone: +46 8 555 010 20
LOCATION:
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Technical interview: Sample Owner <> Lindqvist Robotics | Firmware Engineer
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR

--w5-mixed--
`;

const GERMAN_TEAMS_INVITE_ATTACHED = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: Fwd: Einladung zum Vorstellungsgespräch – Controllerin (m/w/d)
Date: Mon, 9 Mar 2026 07:55:00 +0100
Message-ID: <warm-up-6@warm-up.invalid>
User-Agent: Mozilla Thunderbird
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w6-outer"

--w6-outer
Content-Type: text/plain; charset="UTF-8"

Als Anhang weitergeleitet.

--w6-outer
Content-Type: message/rfc822; name="Einladung.eml"
Content-Disposition: attachment; filename="Einladung.eml"

From: Bewerbermanagement Ostermann Werke <bewerbung@ostermann-werke.invalid>
To: Sample Owner <${SAMPLE_OWNER}>
Subject: =?UTF-8?Q?Einladung_zum_Vorstellungsgespr=C3=A4ch_=E2=80=93_Controllerin_(m/w/d)?=
Date: Fri, 6 Mar 2026 14:20:05 +0100
Message-ID: <warm-up-6-inner@ostermann-werke.invalid>
Content-Class: urn:content-classes:calendarmessage
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="w6-alt"

--w6-alt
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Sehr geehrte Frau Owner,

herzlichen Dank f=C3=BCr Ihr Interesse an der Stelle. Wir laden Sie zu einem =
Vorstellungsgespr=C3=A4ch =C3=BCber Microsoft Teams ein.

Datum: 17.03.2026
Uhrzeit: 09:30
Stelle: Controllerin (m/w/d)
Dauer: ca. 60 Minuten
Ansprechpartnerin: Frau Katrin Vogel
Gespr=C3=A4chspartner: Herr Stefan Brandt, Frau Katrin Vogel

Zum Gespr=C3=A4ch gelangen Sie =C3=BCber diesen Link:
https://teams.microsoft.com/l/meetup-join/19%3ameeting_d2FybS11cC02%40thread.v2/0

Geben Sie uns bitte Bescheid, ob der Termin passt. Sollte er das nicht tun, s=
chlagen Sie gern einen anderen vor. Nach dem Gespr=C3=A4ch melden wir uns in=
nerhalb von zwei Wochen bei Ihnen.

Mit freundlichen Gr=C3=BC=C3=9Fen

Ihr Bewerbermanagement
Ostermann Werke GmbH

Telefon: +49 40 555 0188

Diese Nachricht ist vertraulich. Falls sie Sie irrt=C3=BCmlich erreicht hat, =
l=C3=B6schen Sie sie bitte und geben Sie uns Bescheid.
The content of this message is confidential. If it reached you by mistake, p=
lease let the sender know and delete it, but thank you for your care.

--w6-alt
Content-Type: text/calendar; charset="utf-8"; method=REQUEST
Content-Transfer-Encoding: quoted-printable

BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=3DYEARLY;INTERVAL=3D1;BYDAY=3D-1SU;BYMONTH=3D10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=3DYEARLY;INTERVAL=3D1;BYDAY=3D-1SU;BYMONTH=3D3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN=3DBewerbermanagement Ostermann Werke:mailto:bewerbung@ostermann-=
werke.invalid
ATTENDEE;ROLE=3DREQ-PARTICIPANT;PARTSTAT=3DNEEDS-ACTION;RSVP=3DTRUE;CN=3DSamp=
le Owner:mailto:${SAMPLE_OWNER}
DESCRIPTION;LANGUAGE=3Dde-DE:Vorstellungsgespr=C3=A4ch Controllerin (m/w/d)\\n=
Microsoft Teams-Besprechung\\nhttps://teams.microsoft.com/l/meetup-join/19%3am=
eeting_d2FybS11cC02%40thread.v2/0\\n
UID:040000008200E00074C5B7101A82E00800000000D0A1B2C3
SUMMARY;LANGUAGE=3Dde-DE:Vorstellungsgespr=C3=A4ch =E2=80=93 Controllerin (m/w/d)
DTSTART;TZID=3DW. Europe Standard Time:20260317T093000
DTEND;TZID=3DW. Europe Standard Time:20260317T103000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20260306T132005Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=3Dde-DE:Microsoft Teams-Besprechung
X-MICROSOFT-CDO-APPT-SEQUENCE:0
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DONOTFORWARDMEETING:FALSE
X-MICROSOFT-DISALLOW-COUNTER:FALSE
BEGIN:VALARM
DESCRIPTION:REMINDER
TRIGGER;RELATED=3DSTART:-PT15M
ACTION:DISPLAY
END:VALARM
END:VEVENT
END:VCALENDAR

--w6-alt--

--w6-outer--
`;

const BILINGUAL_CONFIRMATION_WITH_PICTOGRAPHS = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: Fwd: Confirmação de entrevista presencial / In-person interview confirmed
Date: Tue, 10 Mar 2026 19:48:00 -0300
Message-ID: <warm-up-7@warm-up.invalid>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Vou levar o portfólio.

---------- Forwarded message ---------
From: Beatriz Moura <beatriz.moura@cafe-serrano.invalid>
Date: Tue, Mar 10, 2026 at 5:31 PM
Subject: Confirmação de entrevista presencial / In-person interview confirmed
To: Sample Owner <${SAMPLE_OWNER}>

Olá,

Obrigada pelo seu interesse na vaga de Gerente de Loja no Café Serrano! A sua entrevista presencial está confirmada. Por favor, traga um documento com foto.

📅 Data: quinta-feira, 19 de março de 2026
🕐 Horário: 14h30 (horário de Brasília)
📍 Endereço: Rua das Acácias, 210 – Pinheiros, São Paulo
📞 Contato: Beatriz Moura
👥 Entrevistadores: Beatriz Moura e Rafael Lima

Caso não possa comparecer, avise-nos com antecedência para que possamos remarcar a sua entrevista. Retornaremos em até 5 dias úteis após a entrevista.

—

Hi, your in-person interview is confirmed: details above. I’ll follow up soon.

Abraços / Best,
Beatriz Moura
Recrutamento | Café Serrano
`;

const DUTCH_CANCELLATION_WITH_CALENDAR = `From: Sample Owner <${SAMPLE_OWNER}>
To: assistant@warm-up.invalid
Subject: Doorst: Geannuleerd: Sollicitatiegesprek Data-analist
Date: Wed, 11 Mar 2026 08:12:00 +0100
Message-ID: <warm-up-8@warm-up.invalid>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="w8-mixed"

--w8-mixed
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Jammer, het gaat niet door.

________________________________
Van: Sanne Visser <sanne.visser@dijkstra-zorg.invalid>
Verzonden: dinsdag 10 maart 2026 17:03
Aan: Sample Owner <${SAMPLE_OWNER}>
Onderwerp: Geannuleerd: Sollicitatiegesprek Data-analist

Beste Sample,

Helaas moeten we het sollicitatiegesprek voor de functie Data-analist bij Dijkstra Zorggroep op donde=
rdag 19 maart om 14:00 uur annuleren. Onze excuses voor het ongemak.
Binnen drie werkdagen laten we je weten wanneer we een nieuw gesprek kunnen plannen.

Met vriendelijke groet,

Sanne Visser
Recruiter | Dijkstra Zorggroep
Stationsplein 4, 3511 ED Utrecht

--w8-mixed
Content-Type: text/calendar; charset="utf-8"; method=CANCEL
Content-Transfer-Encoding: 7bit

BEGIN:VCALENDAR
METHOD:CANCEL
PRODID:Microsoft CDO for Microsoft Exchange
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna
X-ENTOURAGE-CFTIMEZONE:Europe/Amsterdam
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:warm-up-8@dijkstra-zorg.invalid
SUMMARY:Geannuleerd: Sollicitatiegesprek Data-analist
DTSTART;TZID="Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260319T140000
DTEND;TZID="Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260319T150000
STATUS:CANCELLED
SEQUENCE:1
ORGANIZER;CN="Sanne Visser":mailto:sanne.visser@dijkstra-zorg.invalid
ATTENDEE;CN="Sample Owner";ROLE=REQ-PARTICIPANT:mailto:${SAMPLE_OWNER}
LOCATION:Stationsplein 4\, Utrecht
X-MICROSOFT-CDO-BUSYSTATUS:FREE
END:VEVENT
END:VCALENDAR

--w8-mixed--
`;

function base64Lines(text: string): string {
  const bytes = new TextEncoder().encode(text.replaceAll("\n", "\r\n"));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/.{76}/g, "$&\r\n");
}

/** Reads one sample the way a forward is read and confirmed; null when it cannot be parsed. */
async function readSample(raw: string): Promise<Understanding | null> {
  const read = await readEmail(new TextEncoder().encode(raw.replaceAll("\n", "\r\n")), { ownerAddresses: [SAMPLE_OWNER] });
  if (!read.ok) return null;
  const { understanding, note, originalSubject } = read.value;
  const plan = planFiling({ apps: [], understanding, note, originalSubject, sentAt: null });
  buildConfirmation({
    understanding,
    outcome: plan.action === "skip" ? { kind: "not_job_related" } : { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: null },
    ownerTimeZone: SAMPLE_TIME_ZONE,
    originalSubject,
    replyAddress: "assistant@warm-up.invalid",
  });
  return understanding;
}

const SAMPLES = [
  ENGLISH_INVITE_WITH_CALENDAR,
  GERMAN_HTML_ONLY_FORWARD,
  FRENCH_ATTACHED_INVITE,
  OUTLOOK_RESCHEDULE_WITH_UTC_CALENDAR,
  CALENDAR_NOTIFICATION_AUTO_FORWARDED,
  GERMAN_TEAMS_INVITE_ATTACHED,
  BILINGUAL_CONFIRMATION_WITH_PICTOGRAPHS,
  DUTCH_CANCELLATION_WITH_CALENDAR,
];

/**
 * What the samples are understood as, in order: the English, German and French invites, the
 * move, the calendar notification, the attached Teams invite, the bilingual confirmation and
 * the Dutch cancellation.
 */
export async function readWarmUpSamples(): Promise<(Understanding | null)[]> {
  const understood: (Understanding | null)[] = [];
  for (const sample of SAMPLES) understood.push(await readSample(sample));
  return understood;
}

let warmUp: Promise<boolean> | null = null;

/**
 * Reads the samples (twice) and checks the DKIM sample once per isolate; later calls return the
 * first run's outcome: true when every sample was understood with a start time (the pipeline
 * ran end to end) and the DKIM sample's signatures passed.
 */
export function warmUpPipeline(): Promise<boolean> {
  warmUp ??= (async () => {
    const understood = await readWarmUpSamples();
    await readWarmUpSamples();
    const signed = await warmUpDkim();
    return understood.every((u) => u?.start != null) && signed;
  })().catch(() => false);
  return warmUp;
}
