// Reads kept messages again with the current code, through the worker's API:
//   npm run reread -- [--url URL] [--id N]
// URL defaults to the local worker (http://127.0.0.1:8787); the bearer token is API_TOKEN from
// the environment, else from .dev.vars. Without --id every kept forward is read again. Each is
// filed anew as on arrival (an earlier filing taken back in the same step); one already read by
// the current reader, or whose filing was undone or built on since, is reported as `kept`.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const url = (option("--url") ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
const id = option("--id");

function tokenFromDevVars() {
  try {
    return /^API_TOKEN=(.*)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1]?.trim();
  } catch {
    return undefined;
  }
}
const token = process.env.API_TOKEN ?? tokenFromDevVars();
if (!token) {
  console.error("Set API_TOKEN (or create .dev.vars with `npm start`).");
  process.exit(2);
}

const response = await fetch(`${url}/api/messages/${id ? `${encodeURIComponent(id)}/` : ""}reread`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}` },
});
const body = await response.text();
if (!response.ok) {
  console.error(`${response.status} ${body}`);
  process.exit(1);
}
console.log(JSON.stringify(JSON.parse(body), null, 2));
