// The contact form asks for one "Email or phone" field, because a second required field is where
// visitors give up; this decides which of the two the visitor typed.
import { type Contact } from "./chat-data";

/** Anything with an @ is meant as an email address; the desk validates it and says what is wrong. */
export function isEmail(value: string): boolean {
  return value.includes("@");
}

/** The contact to send, or null when the email-or-phone field is empty (the one required field). */
export function contactFromFields(name: string, reach: string): Contact | null {
  const how = reach.trim();
  if (!how) return null;
  const who = name.trim();
  return { ...(who ? { name: who } : {}), ...(isEmail(how) ? { email: how } : { phone: how }) };
}

/** How the visitor's own bubble shows the details they sent. */
export function describeContact(contact: Contact): string {
  return [contact.name, contact.email, contact.phone].filter(Boolean).join(", ");
}
