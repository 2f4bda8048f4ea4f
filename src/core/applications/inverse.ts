/**
 * How to reverse one recorded change. Every event row carries one (or null when the event
 * changed no state and undoing it only removes it from the history the rules read). Applied
 * by `undo` in reverse order of the changes, so undo is exact.
 */
import type { ApplicationStatus } from "./status.ts";
import type { PromisedTimeline } from "../understanding/types.ts";

export interface ApplicationDetails {
  company: string | null;
  role: string | null;
  contactName: string | null;
  contactEmail: string | null;
  language: string;
  noCalls: boolean;
}

export interface UserPreferences {
  timeZone: string;
  country: string | null;
  paused: boolean;
  settings: Record<string, unknown>;
}

export type FollowUpStateValue = "pending" | "shown" | "sent" | "skipped" | "cancelled";

export type Inverse =
  /** Hides an application the change created (kept, so a later undo of the undo is not needed). */
  | { op: "archive_application" }
  | { op: "unarchive_application" }
  | { op: "set_status"; status: ApplicationStatus }
  | { op: "delete_interview_from_message" }
  | { op: "set_interview_start"; interviewId: number; startAt: number | null; startLocal: string | null; timeZone?: string | null }
  | { op: "set_interview_status"; interviewId: number; status: "scheduled" | "cancelled" }
  | { op: "set_timeline"; timeline: PromisedTimeline | null }
  | { op: "set_details"; details: Partial<ApplicationDetails> }
  | { op: "remove_note"; note: string }
  | { op: "set_follow_up"; followUpId: number; state: FollowUpStateValue; sentAt: number | null; snoozedUntil: number | null }
  | { op: "set_user"; preferences: UserPreferences }
  | { op: "set_message_state"; inboundId: number; state: "understood" | "not_understood" | "ignored" }
  /** Puts back the previous generation of a plus-address, so the address before a rotation works again. */
  | { op: "set_address_generation"; address: AddressKind; generation: number };

/** The owner's capability addresses (src/core/mail/address-token.ts): two plus-addresses and the calendar feed. */
export type AddressKind = "reply" | "forwarding" | "calendar";
