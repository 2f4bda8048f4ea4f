import { describe, expect, it } from "vitest";
import { isEmployerHost, isPlatformName, isServiceAddress } from "../../../src/core/understanding/platforms.ts";

describe("platforms", () => {
  it("knows services and their product titles, but not an employer that shares a word with one", () => {
    for (const name of ["zoom meeting", "google meet interview", "microsoft teams-besprechung", "teams meeting", "greenhouse recruiting", "calendly", "workday"]) {
      expect(isPlatformName(name), name).toBe(true);
    }
    for (const name of ["greenhouse foods", "lever brothers logistics", "harrow mills", "google"]) expect(isPlatformName(name), name).toBe(false);
  });

  it("a service's address only sends; an employer's team mailbox and a person at a mail provider can be written to", () => {
    for (const address of ["no-reply@acme.example", "noreply@acme.example", "do-not-reply@acme.example", "hr-do-not-reply@acme.example", "jobs_noreply@acme.example", "hr-notifications@acme.example", "messenger@smartrecruiters.com", "acme@myworkday.com", "calendar-notification@google.com", "jobs@us.greenhouse-mail.io"]) {
      expect(isServiceAddress(address), address).toBe(true);
    }
    for (const address of ["careers@acme.example", "jobs@acme.example", "personal@acme.example", "scheduling@acme.example", "jo.park@gmail.com"]) {
      expect(isServiceAddress(address), address).toBe(false);
    }
    expect(isServiceAddress("jo.park@hire.lever.co", true)).toBe(false);
  });

  it("an employer's host is neither a service's nor a mail provider's, subdomains included", () => {
    expect(isEmployerHost("careers.acme.example")).toBe(true);
    expect(isEmployerHost("boards.greenhouse.io")).toBe(false);
    expect(isEmployerHost("gmail.com")).toBe(false);
    expect(isEmployerHost("")).toBe(false);
  });
});
