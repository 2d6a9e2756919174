// The conversation log. It changes only the tail that differs, because it is an aria-live region:
// a rebuilt list would be read out again from the top.
import { type Message } from "./chat-data";
import { h } from "./dom";
import { sharedPrefixLength } from "./transcript";
import { speakerPrefix } from "./wording";

export function createMessageList(log: HTMLElement, title: string) {
  let shown: Message[] = [];
  return {
    show(messages: Message[]): void {
      const keep = sharedPrefixLength(shown, messages);
      while (log.children.length > keep) log.lastElementChild!.remove();
      for (const message of messages.slice(keep))
        log.append(
          h("div", { class: "msg", "data-role": message.role }, [
            h("span", { class: "sr" }, [`${speakerPrefix(message.role, title)} `]),
            message.text,
          ]),
        );
      shown = messages.slice();
    },
  };
}
