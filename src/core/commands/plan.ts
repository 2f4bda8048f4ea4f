/**
 * Turns parsed reply commands into changes, each with the event that records it and the
 * inverse that undoes it exactly. Pure: src/command-runner.ts (for replies and the private
 * page alike) loads the state, applies the effects in one batch, and answers the owner.
 *
 * Numbers refer to the message replied to: a digest's numbered drafts, or the single
 * application a confirmation is about. A bare `done`/`rejected`/… applies only when that
 * message had exactly one item; otherwise nothing changes and the choices are listed.
 */
import { atLocalTime, toLocalDate } from "../time/business-days.ts";
import { describeCommand, editDistance, type Command, type CommandKind } from "./parse.ts";
import { toDigestDay } from "./day-words.ts";
import { companyKey } from "../applications/keys.ts";
import type { ApplicationStatus } from "../applications/status.ts";
import type { AddressKind, ApplicationDetails, FollowUpStateValue, Inverse, UserPreferences } from "../applications/inverse.ts";
import { parseSettings, type Settings } from "../follow-ups/settings.ts";
import type { PromisedTimeline } from "../understanding/types.ts";
import type { ApplicationRecord } from "../applications/records.ts";
import { describeDay, describeFollowUpKind, describeStatus } from "../applications/words.ts";

export type CommandTarget =
  | { kind: "digest"; localDate: string; items: readonly { number: number; followUpId: number; applicationId: number }[] }
  /** The numbered applications of a `list` answer. */
  | { kind: "list"; items: readonly { number: number; applicationId: number }[] }
  | { kind: "confirmation"; inboundId: number; applicationId: number | null }
  | { kind: "none" };

/** An application as a command sees it. */
export type AppView = ApplicationRecord;

export interface FollowUpView {
  id: number;
  applicationId: number;
  key: string;
  rule: string;
  state: FollowUpStateValue;
  dueAt: number;
  sentAt: number | null;
  snoozedUntil: number | null;
}

export interface InterviewView {
  id: number;
  applicationId: number;
  startAt: number | null;
  startLocal: string | null;
  timeZone: string | null;
  status: "scheduled" | "cancelled";
}

export type Effect =
  | { op: "set_follow_up"; followUpId: number; state: FollowUpStateValue; sentAt: number | null; snoozedUntil: number | null }
  | { op: "set_status"; applicationId: number; status: ApplicationStatus }
  | { op: "set_timeline"; applicationId: number; timeline: PromisedTimeline | null }
  | { op: "set_details"; applicationId: number; details: Partial<ApplicationDetails> }
  | { op: "set_interview_start"; interviewId: number; startAt: number | null; startLocal: string | null; timeZone: string | null }
  | { op: "set_user"; preferences: UserPreferences }
  | { op: "set_message_state"; inboundId: number; state: "understood" | "not_understood" | "ignored" }
  | { op: "archive_application"; applicationId: number }
  | { op: "forget_applications"; applicationIds: number[] }
  | { op: "forget_all" }
  | { op: "set_address_generation"; address: AddressKind; generation: number }
  /** Ends every session of the private page and voids unused login links. */
  | { op: "revoke_sessions" };

export interface PlannedChange {
  applicationId: number | null;
  event: { type: string; payload: Record<string, unknown>; inverse: Inverse | null };
  effects: Effect[];
  /** One line for the confirmation, e.g. "Acme (Backend Engineer): marked as sent". */
  summary: string;
}

export interface CommandInput {
  commands: readonly Command[];
  target: CommandTarget;
  apps: readonly AppView[];
  followUps: readonly FollowUpView[];
  interviews: readonly InterviewView[];
  user: UserPreferences;
  /** How many times each plus-address was replaced (its current generation). */
  addressGenerations: Readonly<Record<AddressKind, number>>;
  now: number;
}

/** What a reply asked to be sent beside any change: the calendar feed's address, a login link to the private page. */
export type LinkRequest = "calendar" | "dashboard";

export type CommandPlan =
  | { kind: "changes"; changes: PlannedChange[]; irreversible: boolean; links: LinkRequest[] }
  /** Only links were asked for: nothing changes. */
  | { kind: "links"; links: LinkRequest[] }
  | { kind: "undo" }
  | { kind: "list" }
  | { kind: "help" }
  | { kind: "problems"; problems: string[] };

export function labelOf(app: Pick<AppView, "company" | "role"> | undefined): string {
  if (!app) return "an application";
  if (app.company && app.role) return `${app.company} (${app.role})`;
  return app.company ?? app.role ?? "an application";
}

/** A competing offer matters to the applications still waiting on the employer (R10). */
const OPEN_STATUSES: readonly ApplicationStatus[] = ["applied", "interviewing", "waiting"];

const LINK_REQUESTS: Partial<Record<CommandKind, LinkRequest>> = { calendar_link: "calendar", dashboard: "dashboard" };

export function planCommands(input: CommandInput): CommandPlan {
  const { user } = input;
  const links = [...new Set(input.commands.flatMap((c) => LINK_REQUESTS[c.kind] ?? []))];
  const commands = input.commands.filter((c) => LINK_REQUESTS[c.kind] === undefined);
  if (commands.length === 0 && links.length > 0) return { kind: "links", links };
  if (commands.some((c) => c.kind === "undo")) return { kind: "undo" };
  if (commands.length === 1 && commands[0]!.kind === "list") return { kind: "list" };
  if (commands.length === 0 || (commands.length === 1 && commands[0]!.kind === "help")) return { kind: "help" };

  const context: PlanContext = {
    input,
    apps: new Map(input.apps.map((a) => [a.id, a])),
    followUps: new Map(input.followUps.map((f) => [f.id, f])),
    settings: parseSettings(user.settings),
    preferences: { ...user, settings: { ...user.settings } },
    problems: [],
  };
  const changes = commands.flatMap((command) => planCommand(command, context));
  if (context.problems.length > 0) return { kind: "problems", problems: context.problems };
  return { kind: "changes", changes, irreversible: changes.some(isDeletion), links };
}

/** What every handler reads, and what the reply builds up as its commands are planned in order. */
interface PlanContext {
  readonly input: CommandInput;
  readonly apps: ReadonlyMap<number, AppView>;
  readonly followUps: ReadonlyMap<number, FollowUpView>;
  /** The stored settings, read once: a snooze wakes at their morning hour. */
  readonly settings: Settings;
  /** The preferences as the reply's earlier settings commands leave them, so each one undoes to the step before. */
  preferences: UserPreferences;
  /** Why commands cannot apply; any one keeps the whole reply from changing anything. */
  readonly problems: string[];
}

type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;
/** One command's changes; none when it cannot apply, with the reason added to `context.problems`. */
type CommandHandler<K extends CommandKind> = (command: CommandOf<K>, context: PlanContext) => PlannedChange[];

/** `list`, `help` and `undo` are answered before planning; beside other commands they change nothing. */
const changeNothing = (): PlannedChange[] => [];

const HANDLERS: { [K in CommandKind]: CommandHandler<K> } = {
  done: (command, context) =>
    resolveFollowUps(context, command.items, "done").map((f) =>
      planFollowUpState(context, f, { state: "sent", eventType: "follow_up_sent", verb: "marked sent", sentAt: context.input.now }),
    ),
  skip: (command, context) =>
    resolveFollowUps(context, command.items, "skip").map((f) => planFollowUpState(context, f, { state: "skipped", eventType: "follow_up_skipped", verb: "skipped" })),
  // Until the digest of that day: snoozed to its digest time, so that morning's digest shows it.
  snooze: (command, context) => {
    const day = toDigestDay(command.until, context.settings.digestDays);
    return resolveFollowUps(context, [command.item], "snooze").map((f) =>
      planFollowUpState(context, f, {
        state: f.state,
        eventType: "follow_up_snoozed",
        verb: `snoozed to your digest on ${describeDay(day)}`,
        snoozedUntil: atLocalTime(day, context.settings.digestHour, context.input.user.timeZone, context.settings.digestMinute),
      }),
    );
  },
  rejected: (command, context) => planStatus(context, resolveNamedApplications(context, command, "rejected"), "rejected"),
  offer: (command, context) => planStatus(context, resolveNamedApplications(context, command, "offer"), "offer"),
  withdraw: (command, context) => planStatus(context, resolveNamedApplications(context, command, "withdraw"), "withdrawn"),
  heard_back: (command, context) =>
    resolveNamedApplications(context, command, "heard back").map((id) => ({
      applicationId: id,
      event: { type: "employer_replied", payload: { via: "command" }, inverse: null },
      effects: [],
      summary: `${labelOf(context.apps.get(id))}: noted that they replied; pending nudges stop`,
    })),
  timeline: (command, context) =>
    resolveApplications(context, [command.item], "timeline").map((id) => {
      const app = context.apps.get(id)!;
      return {
        applicationId: id,
        event: { type: "timeline_promised", payload: { timeline: command.timeline, sentAt: context.input.now }, inverse: { op: "set_timeline", timeline: app.promisedTimeline } },
        effects: [{ op: "set_timeline", applicationId: id, timeline: command.timeline }],
        summary: `${labelOf(app)}: their timeline noted (${command.timeline.text})`,
      };
    }),
  offer_elsewhere: planOfferElsewhere,
  company: (command, context) => planDetails(context, command.kind, command.item, { company: command.company }),
  role: (command, context) => planDetails(context, command.kind, command.item, { role: command.role }),
  contact: (command, context) => planDetails(context, command.kind, command.item, { contactName: command.name, contactEmail: command.email }),
  time: planInterviewTime,
  ignore: planIgnore,
  timezone: (command, context) => planPreferences(context, command.kind, `time zone set to ${command.timeZone}`, { timeZone: command.timeZone }),
  country: (command, context) =>
    planPreferences(context, command.kind, command.country ? `public holidays of ${command.country} are skipped` : "no public holidays are skipped", {
      country: command.country,
    }),
  digest_time: (command, context) => {
    const [hour, minute] = toHourAndMinute(command.time);
    return planPreferences(context, command.kind, `digest time set to ${command.time}`, {}, { digestHour: hour, digestMinute: minute });
  },
  signature: (command, context) =>
    planPreferences(context, command.kind, `drafts now end with "${command.signature}"`, {}, { signature: command.signature }),
  pause: (command, context) => planPreferences(context, command.kind, "digests paused", { paused: true }),
  resume: (command, context) => planPreferences(context, command.kind, "digests resumed", { paused: false }),
  forget: (command, context) =>
    resolveApplications(context, command.items, "forget").map((id) => ({
      applicationId: null,
      event: { type: "forgotten", payload: { count: 1 }, inverse: null },
      effects: [{ op: "forget_applications", applicationIds: [id] }],
      summary: `${labelOf(context.apps.get(id))}: deleted with everything about it`,
    })),
  forget_all: () => [
    {
      applicationId: null,
      event: { type: "forgotten", payload: { all: true }, inverse: null },
      effects: [{ op: "forget_all" }],
      summary: "everything stored about your applications was deleted",
    },
  ],
  new_forwarding_address: (_command, context) => [planNewAddress(context, "forwarding")],
  new_reply_address: (_command, context) => [planNewAddress(context, "reply")],
  new_calendar_link: (_command, context) => [planNewAddress(context, "calendar")],
  logout: () => [
    {
      applicationId: null,
      event: { type: "sessions_revoked", payload: {}, inverse: null },
      effects: [{ op: "revoke_sessions" }],
      summary: "logged out of your private page everywhere",
    },
  ],
  calendar_link: changeNothing,
  dashboard: changeNothing,
  list: changeNothing,
  help: changeNothing,
  undo: changeNothing,
};

/** Each change's event keeps the command and its summary, so `undo` can say what it undoes. */
function planCommand<K extends CommandKind>(command: CommandOf<K>, context: PlanContext): PlannedChange[] {
  const handler: CommandHandler<K> = HANDLERS[command.kind];
  const said = describeCommand(command);
  return handler(command, context).map((change) => ({ ...change, event: { ...change.event, payload: { ...change.event.payload, said, summary: change.summary } } }));
}

const NEW_ADDRESS_SUMMARIES: Readonly<Record<AddressKind, string>> = {
  forwarding: "a new private forwarding address; the old one no longer works",
  reply: "a new reply address; replies to earlier mail no longer work",
  calendar: "a new calendar address; calendars subscribed to the old one stop updating",
};

/** A new generation of a capability address; undo puts the previous one back. */
function planNewAddress(context: PlanContext, address: AddressKind): PlannedChange {
  const current = context.input.addressGenerations[address];
  return {
    applicationId: null,
    event: { type: "address_replaced", payload: { address }, inverse: { op: "set_address_generation", address, generation: current } },
    effects: [{ op: "set_address_generation", address, generation: current + 1 }],
    summary: NEW_ADDRESS_SUMMARIES[address],
  };
}

/** Deleting is the one change undo cannot bring back. */
/** Every change ends the private page's sessions: an `undo` cannot bring them back. */
export function onlyEndsSessions(changes: readonly PlannedChange[]): boolean {
  return changes.length > 0 && changes.every((change) => change.effects.some((e) => e.op === "revoke_sessions"));
}

function isDeletion(change: PlannedChange): boolean {
  return change.effects.some((e) => e.op === "forget_applications" || e.op === "forget_all");
}

/** By number, or by company name: a name is matched forgivingly, and used only when it points at one application. */
function resolveNamedApplications(context: PlanContext, command: { items: readonly number[]; company: string | null }, word: string): number[] {
  if (command.company === null) return resolveApplications(context, command.items, word);
  const match = matchCompany(command.company, context.input.apps);
  switch (match.kind) {
    case "one":
      return [match.app.id];
    case "several":
      context.problems.push(`"${command.company}" could be ${joinOr(match.apps.map((a) => labelOf(a)))}. Did you mean one of them? Write its full name, or reply to the digest or "list" with its number.`);
      return [];
    case "none": {
      const hint = match.closest.length > 0 ? ` Did you mean ${joinOr(match.closest.map((a) => `"${a.company}"`))}?` : "";
      context.problems.push(`No application at "${command.company}".${hint}`);
      return [];
    }
  }
}

type CompanyMatch = { kind: "one"; app: AppView } | { kind: "several"; apps: AppView[] } | { kind: "none"; closest: AppView[] };

/**
 * A company as the user writes it, matched to the applications in steps, each tried only when
 * the one before finds nothing: the same key ("acme, inc." = "Acme"), whole words at the start
 * ("northwind" → "Northwind Freight"), then a typo or two ("brightlin" → "Brightline"). Among
 * several matches, the only one still open wins; otherwise the user chooses.
 */
function matchCompany(name: string, apps: readonly AppView[]): CompanyMatch {
  const key = companyKey(name);
  if (key === null) return { kind: "none", closest: [] };
  const named = apps.filter((a) => a.company !== null && companyKey(a.company) !== null);
  const steps: ReadonlyArray<(appKey: string) => boolean> = [
    (appKey) => appKey === key,
    (appKey) => appKey.startsWith(`${key} `) || key.startsWith(`${appKey} `),
    (appKey) => isTypoOf(key, appKey) || isTypoOf(key, appKey.split(" ")[0]!),
  ];
  for (const step of steps) {
    const found = named.filter((a) => step(companyKey(a.company)!));
    if (found.length === 0) continue;
    const open = found.filter((a) => OPEN_STATUSES.includes(a.status));
    if (found.length === 1) return { kind: "one", app: found[0]! };
    if (open.length === 1) return { kind: "one", app: open[0]! };
    return { kind: "several", apps: found };
  }
  const reach = Math.max(2, Math.floor(key.length / 3));
  const closest = named
    .map((a) => {
      const appKey = companyKey(a.company)!;
      return { a, distance: Math.min(editDistance(key, appKey, reach), editDistance(key, appKey.split(" ")[0]!, reach)) };
    })
    .filter(({ distance }) => distance <= reach)
    .sort((x, y) => x.distance - y.distance)
    .slice(0, 3)
    .map(({ a }) => a);
  return { kind: "none", closest };
}

/** One typo in a name of 5+ letters, two in 9+: "within reason", so short names must be exact. */
function isTypoOf(written: string, name: string): boolean {
  if (name.length < 5) return false;
  const allowed = name.length >= 9 ? 2 : 1;
  return editDistance(written, name, allowed) <= allowed;
}

function joinOr(words: readonly string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}


/** Without a number, a competing offer concerns every open application. */
function planOfferElsewhere(command: CommandOf<"offer_elsewhere">, context: PlanContext): PlannedChange[] {
  const ids =
    command.item === null
      ? context.input.apps.filter((a) => OPEN_STATUSES.includes(a.status)).map((a) => a.id)
      : resolveApplications(context, [command.item], "offer elsewhere");
  return ids.map((id) => ({
    applicationId: id,
    event: { type: "offer_elsewhere", payload: { deadline: command.deadline }, inverse: null },
    effects: [],
    summary: `${labelOf(context.apps.get(id))}: an earlier, polite note about your other offer (deadline ${command.deadline}) will be drafted`,
  }));
}

/** Moves the application's latest interview; without a date the interview keeps its day as seen in the new zone. */
function planInterviewTime(command: CommandOf<"time">, context: PlanContext): PlannedChange[] {
  const app = resolveConfirmedApplication(context, "time", command.item);
  if (!app) return [];
  const interview = context.input.interviews
    .filter((i) => i.applicationId === app.id)
    .sort((a, b) => (b.startAt ?? 0) - (a.startAt ?? 0))[0];
  if (!interview) {
    context.problems.push(`${labelOf(app)} has no interview to move.`);
    return [];
  }
  const date = command.date ?? (interview.startAt !== null ? toLocalDate(interview.startAt, command.timeZone) : (interview.startLocal?.slice(0, 10) ?? null));
  if (!date) {
    context.problems.push(`Say the date too, e.g. "time: tue 3pm PT".`);
    return [];
  }
  const [hour, minute] = toHourAndMinute(command.time);
  const startAt = atLocalTime(date, hour, command.timeZone, minute);
  return [
    {
      applicationId: app.id,
      event: {
        type: "interview_moved",
        payload: { interviewId: interview.id, from: interview.startAt, to: startAt },
        inverse: { op: "set_interview_start", interviewId: interview.id, startAt: interview.startAt, startLocal: interview.startLocal, timeZone: interview.timeZone },
      },
      effects: [{ op: "set_interview_start", interviewId: interview.id, startAt, startLocal: null, timeZone: command.timeZone }],
      summary: `${labelOf(app)}: interview time set to ${date} ${command.time} (${command.timeZone})`,
    },
  ];
}

/** The confirmed email is not about a job: it is hidden, and so is the application it created. */
function planIgnore(_command: CommandOf<"ignore">, context: PlanContext): PlannedChange[] {
  const { target } = context.input;
  if (target.kind !== "confirmation") {
    context.problems.push(`"ignore" answers a confirmation: reply to the confirmation of the email that is not about a job.`);
    return [];
  }
  const effects: Effect[] = [{ op: "set_message_state", inboundId: target.inboundId, state: "ignored" }];
  if (target.applicationId !== null) effects.push({ op: "archive_application", applicationId: target.applicationId });
  return [
    {
      applicationId: target.applicationId,
      event: { type: "message_ignored", payload: { inboundId: target.inboundId }, inverse: { op: "set_message_state", inboundId: target.inboundId, state: "understood" } },
      effects,
      summary: target.applicationId !== null ? `${labelOf(context.apps.get(target.applicationId))}: removed (not a job email)` : "that email: ignored",
    },
  ];
}

interface FollowUpUpdate {
  state: FollowUpStateValue;
  eventType: string;
  /** What happened to the draft, for the summary: "marked as sent". */
  verb: string;
  sentAt?: number;
  snoozedUntil?: number;
}

function planFollowUpState(context: PlanContext, f: FollowUpView, update: FollowUpUpdate): PlannedChange {
  return {
    applicationId: f.applicationId,
    event: {
      type: update.eventType,
      payload: { followUpKey: f.key, rule: f.rule, ...(update.snoozedUntil ? { until: update.snoozedUntil } : {}) },
      inverse: { op: "set_follow_up", followUpId: f.id, state: f.state, sentAt: f.sentAt, snoozedUntil: f.snoozedUntil },
    },
    effects: [{ op: "set_follow_up", followUpId: f.id, state: update.state, sentAt: update.sentAt ?? f.sentAt, snoozedUntil: update.snoozedUntil ?? f.snoozedUntil }],
    summary: `${labelOf(context.apps.get(f.applicationId))}: ${describeFollowUpKind(f.rule)} ${update.verb}`,
  };
}

/** Applications that already have the status are left as they are. */
function planStatus(context: PlanContext, ids: readonly number[], status: ApplicationStatus): PlannedChange[] {
  return ids.flatMap((id) => {
    const app = context.apps.get(id)!;
    if (app.status === status) return [];
    return [
      {
        applicationId: id,
        event: { type: "status_changed", payload: { from: app.status, to: status, because: "command" }, inverse: { op: "set_status", status: app.status } },
        effects: [{ op: "set_status", applicationId: id, status }],
        summary: `${labelOf(app)}: status ${describeStatus(app.status)} → ${describeStatus(status)}`,
      },
    ];
  });
}

function planDetails(context: PlanContext, word: "company" | "role" | "contact", item: number | undefined, details: Partial<ApplicationDetails>): PlannedChange[] {
  const app = resolveConfirmedApplication(context, word, item);
  if (!app) return [];
  const previous = Object.fromEntries(Object.keys(details).map((k) => [k, app[k as keyof AppView]])) as Partial<ApplicationDetails>;
  // Replying with the value as it is confirms a detail that was read unsure: nothing is "set".
  const unchanged = Object.entries(details).every(([k, v]) => v === previous[k as keyof ApplicationDetails]);
  return [
    {
      applicationId: app.id,
      event: { type: "details_updated", payload: { ...details }, inverse: { op: "set_details", details: previous } },
      effects: [{ op: "set_details", applicationId: app.id, details }],
      summary: `${labelOf(app)}: ${word} ${unchanged ? "confirmed as" : "set to"} ${Object.values(details).filter(Boolean).join(" ")}`,
    },
  ];
}

function planPreferences(
  context: PlanContext,
  kind: CommandKind,
  summary: string,
  fields: Partial<Omit<UserPreferences, "settings">>,
  settings: Record<string, unknown> = {},
): PlannedChange[] {
  const before = context.preferences;
  const after: UserPreferences = { ...before, ...fields, settings: { ...before.settings, ...settings } };
  context.preferences = after;
  return [{ applicationId: null, event: { type: "settings_changed", payload: { command: kind }, inverse: { op: "set_user", preferences: before } }, effects: [{ op: "set_user", preferences: after }], summary }];
}

/**
 * The application a bare command means: a confirmation's, or the one application every item
 * of a digest or list is about ("rejected" in reply to a digest whose drafts are all Acme's).
 */
function onlyApplication(target: CommandTarget): number | null {
  if (target.kind === "digest" || target.kind === "list") {
    const ids = new Set(target.items.map((i) => i.applicationId));
    return ids.size === 1 ? target.items[0]!.applicationId : null;
  }
  return target.kind === "confirmation" ? target.applicationId : null;
}

/** The application item `n` of the message replied to stands for; a confirmation has only item 1. */
function numberedApplication(target: CommandTarget, n: number): number | null {
  if (target.kind === "digest" || target.kind === "list") return target.items.find((i) => i.number === n)?.applicationId ?? null;
  return target.kind === "confirmation" && n === 1 ? target.applicationId : null;
}

function countItems(target: CommandTarget): number {
  if (target.kind === "digest" || target.kind === "list") return target.items.length;
  return target.kind === "confirmation" && target.applicationId !== null ? 1 : 0;
}

function describeChoices(context: PlanContext): string {
  const { target } = context.input;
  return target.kind === "digest" || target.kind === "list"
    ? target.items.map((i) => `${i.number}. ${labelOf(context.apps.get(i.applicationId))}`).join("; ")
    : "none (reply to a digest, a confirmation or a list)";
}

/** The applications a command's numbers point at; a bare command needs exactly one item. */
function resolveApplications(context: PlanContext, items: readonly number[], word: string): number[] {
  const { target } = context.input;
  if (items.length === 0) {
    const only = onlyApplication(target);
    if (only === null) {
      const itemCount = countItems(target);
      context.problems.push(`"${word}" needs a number: the message you replied to has ${itemCount === 0 ? "no numbered items" : `${itemCount} items`}. Choices: ${describeChoices(context)}.`);
      return [];
    }
    return [only];
  }
  const ids: number[] = [];
  for (const n of items) {
    const id = numberedApplication(target, n);
    if (id === null) {
      context.problems.push(`There is no item ${n} in the message you replied to. Choices: ${describeChoices(context)}.`);
      return [];
    }
    ids.push(id);
  }
  return [...new Set(ids)];
}

/** The drafts a command's numbers point at (digest items only). */
function resolveFollowUps(context: PlanContext, items: readonly number[], word: string): FollowUpView[] {
  const { target } = context.input;
  if (target.kind === "list") return resolveListedFollowUps(context, items, word);
  if (target.kind !== "digest") {
    context.problems.push(`"${word}" works in reply to a digest or a list, which number the drafts.`);
    return [];
  }
  const numbers = items.length > 0 ? items : target.items.length === 1 ? [1] : [];
  if (numbers.length === 0) {
    context.problems.push(`"${word}" needs a number: the digest has ${target.items.length} drafts. Choices: ${describeChoices(context)}.`);
    return [];
  }
  const found: FollowUpView[] = [];
  for (const n of numbers) {
    const item = target.items.find((i) => i.number === n);
    const followUp = item ? context.followUps.get(item.followUpId) : undefined;
    if (!followUp) {
      context.problems.push(`There is no draft ${n} in that digest. Choices: ${describeChoices(context)}.`);
      return [];
    }
    found.push(followUp);
  }
  return found;
}

/** In reply to a list, a number is an application, and a draft command acts on its next draft (the one the list names). */
function resolveListedFollowUps(context: PlanContext, items: readonly number[], word: string): FollowUpView[] {
  const found: FollowUpView[] = [];
  for (const id of resolveApplications(context, items, word)) {
    const next = context.input.followUps
      .filter((f) => f.applicationId === id && (f.state === "pending" || f.state === "shown"))
      .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
    if (!next) {
      context.problems.push(`${labelOf(context.apps.get(id))} has no draft waiting for "${word}".`);
      return [];
    }
    found.push(next);
  }
  return found;
}

/** Corrections are about the application the replied-to message confirmed. */
/**
 * The application a correction is for: the one of the confirmation replied to, or of a digest or
 * list about one application; with a number ("contact 2: …"), that item of the message.
 */
function resolveConfirmedApplication(context: PlanContext, word: string, item: number | undefined): AppView | null {
  const { target } = context.input;
  if (item !== undefined) {
    const id = numberedApplication(target, item);
    const app = id === null ? undefined : context.apps.get(id);
    if (!app) context.problems.push(`There is no item ${item} in the message you replied to. Choices: ${describeChoices(context)}.`);
    return app ?? null;
  }
  const id = onlyApplication(target);
  const app = id === null ? undefined : context.apps.get(id);
  if (!app) {
    context.problems.push(
      countItems(target) > 1
        ? `"${word}" needs the number of the item it corrects, e.g. "${word} 2: …". Choices: ${describeChoices(context)}.`
        : target.kind === "confirmation" && target.applicationId === null
          ? `That email was not filed, so there is nothing to correct. If it is about a job, forward it to me again with a first line saying what it is, e.g. "${word}: …".`
          : `"${word}" corrects a confirmation: reply to the confirmation of the email it is about.`,
    );
  }
  return app ?? null;
}

/** "HH:MM", as the command parser writes times → [hour, minute]. */
function toHourAndMinute(time: string): [number, number] {
  return time.split(":").map(Number) as [number, number];
}
