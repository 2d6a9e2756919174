import { describe, expect, it } from "vitest";
import { contactFromFields, describeContact, isEmail } from "./contact-field";

describe("contactFromFields", () => {
  it("sends an address with an @ as the email and anything else as the phone", () => {
    expect(contactFromFields("Ada Lovelace", " ada@example.com ")).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
    });
    expect(contactFromFields("", "+44 20 7946 0958")).toEqual({ phone: "+44 20 7946 0958" });
  });

  it("leaves out a blank name and refuses a blank email-or-phone field", () => {
    expect(contactFromFields("   ", "07700 900123")).toEqual({ phone: "07700 900123" });
    expect(contactFromFields("Ada", "   ")).toBeNull();
  });
});

describe("isEmail", () => {
  it("takes the @ as the sign of an email address", () => {
    expect(isEmail("ada@example")).toBe(true);
    expect(isEmail("020 7946 0958")).toBe(false);
  });
});

describe("describeContact", () => {
  it("echoes what was sent, in the order it was asked for", () => {
    expect(describeContact({ name: "Ada", email: "ada@example.com" })).toBe("Ada, ada@example.com");
    expect(describeContact({ phone: "+441234567890" })).toBe("+441234567890");
  });
});
