/**
 * The first mail the owner receives: what the assistant does, the two ways to send it mail,
 * how to switch on automatic forwarding, the page and the calendar, and the commands. Pure text.
 */
import { describeCommands } from "./parse.ts";

export interface WelcomeInput {
  /** The plain address: forwards from the owner's own mailbox, signed by its provider. */
  assistantAddress: string;
  /** The private forwarding address: automatic forwards, and mail from unsigned domains. */
  forwardingAddress: string;
  ownerAddresses: readonly string[];
  /** The deployment has a web address: the private page and the calendar feed can be offered. */
  hasWebPages: boolean;
}

export function buildWelcome(input: WelcomeInput): { subject: string; text: string } {
  return {
    subject: "Welcome: how to use your follow-up assistant",
    text: [
      "Your follow-up assistant is set up. Forward it any email about an application or an interview: it files it, tells you what it understood, and each morning sends you the interviews of the day and the follow-ups due, each ready to send.",
      "",
      "Two ways to send it mail:",
      `  - Forward by hand to ${input.assistantAddress} from ${input.ownerAddresses.join(" or ")}. Your mail provider's signature proves it is you (Gmail, Outlook.com, iCloud, Fastmail, Proton and Google Workspace sign every message).`,
      `  - Your private forwarding address: ${input.forwardingAddress}`,
      "    Use it for an automatic forwarding rule, or if your domain does not sign its mail. Anyone who knows it can send mail in, so keep it private; reply \"new forwarding address\" to replace it.",
      "",
      "Automatic forwarding:",
      "  - Gmail: Settings → Forwarding and POP/IMAP → Add a forwarding address → the private address. Gmail sends a confirmation code there; I pass it on to you. Then create a filter (for example from:(greenhouse.io OR lever.co) or subject:interview) → Forward to the private address.",
      "  - Outlook.com: Settings → Mail → Rules → Add new rule → condition (for example subject includes \"interview\") → Forward to the private address.",
      "",
      "Your drafts end with your name: reply with a line like `signature: Jane Doe` to set it (until then every draft marks where it goes).",
      "Notes you write above a forward are private. To have a sentence recalled in the thank-you, start its line with `point:`, e.g. `point: their plan to move support to one queue`.",
      "",
      ...(input.hasWebPages
        ? [
            "To see your whole search: reply `dashboard` for a link to your private page (the board, each application's history, the drafts, your settings), and `calendar` for an address your calendar app can subscribe to (your interviews, with reminders a day and an hour before, and the follow-ups due).",
            "",
          ]
        : []),
      "Reply to this mail or to any digest or confirmation to give commands:",
      "",
      describeCommands(),
    ].join("\n"),
  };
}
