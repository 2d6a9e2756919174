// What the desk asks for beyond free text, shown under the conversation: consent as two buttons, and
// contact details as a two-field form. Typing the answer in the composer works just as well.
import { type Consent, type Contact, type Ui } from "./chat-data";
import { contactFromFields } from "./contact-field";
import { h } from "./dom";
import { COPY } from "./wording";

export interface PromptActions {
  /** `version`: of the wording these buttons answer, which the desk records with the answer. */
  answerConsent(consent: Consent, label: string, version: string): void;
  sendContact(contact: Contact): void;
}

export function consentPrompt(version: string, wording: string | null, actions: PromptActions): HTMLElement {
  const choice = (consent: Consent, label: string) =>
    h(
      "button",
      {
        type: "button",
        class: consent === "given" ? "primary" : "choice",
        on: { click: () => actions.answerConsent(consent, label, version) },
      },
      [label],
    );
  return h("div", { class: "prompt" }, [
    wording && h("p", {}, [wording]),
    h("div", { class: "choices" }, [choice("given", COPY.consentYes), choice("refused", COPY.consentNo)]),
  ]);
}

export function contactPrompt(actions: PromptActions): HTMLElement {
  const field = (id: string, label: string, attrs: Record<string, string>) => {
    const input = h("input", { id, type: "text", ...attrs });
    return { input, label: h("label", { class: "field", for: id }, [label, input]) };
  };
  const name = field("hd-name", COPY.name, { autocomplete: "name" });
  const reach = field("hd-reach", COPY.reach, { autocomplete: "email", "aria-describedby": "hd-reach-hint" });
  const problem = h("p", { id: "hd-reach-error", class: "field-error" });

  const markMissing = (missing: boolean) => {
    problem.textContent = missing ? COPY.reachMissing : "";
    reach.input.setAttribute("aria-invalid", String(missing));
    reach.input.setAttribute("aria-describedby", missing ? "hd-reach-error hd-reach-hint" : "hd-reach-hint");
  };
  reach.input.addEventListener("input", () => markMissing(false));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const contact = contactFromFields(name.input.value, reach.input.value);
    markMissing(!contact);
    if (contact) actions.sendContact(contact);
    else reach.input.focus();
  };

  return h("form", { class: "prompt", novalidate: true, on: { submit } }, [
    name.label,
    reach.label,
    problem,
    h("div", { class: "row" }, [
      h("button", { type: "submit", class: "primary" }, [COPY.sendDetails]),
      h("span", { id: "hd-reach-hint", class: "hint" }, [COPY.detailsHint]),
    ]),
  ]);
}

/** The prompt for the desk's current ask, or nothing. */
export function promptFor(ui: Ui, consentWording: string | null, actions: PromptActions): HTMLElement | null {
  if (ui?.kind === "consent") return consentPrompt(ui.version, consentWording, actions);
  if (ui?.kind === "contact") return contactPrompt(actions);
  return null;
}
