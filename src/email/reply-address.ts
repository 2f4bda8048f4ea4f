import type { Config } from "../config.ts";
import { createReplyToken } from "../core/commands/reply-token.ts";

/** The assistant's address with the user's reply token: commands are accepted only there. */
export async function replyAddressFor(config: Config, userId: number): Promise<string> {
  const [local, domain] = config.assistantEmail.split("@");
  return `${local}+${await createReplyToken(config.replyTokenSecret, userId)}@${domain}`;
}
