/**
 * The page a conversation started on, as the dashboards group it: the URL's path without host,
 * query or fragment, and without a trailing slash ("/pricing"; the home page is "/"). Campaign
 * parameters in the query would otherwise split one page into many. Null when there is no URL.
 * The migration that added `conversations.page_path` computes the same with a regular expression.
 */
export function pagePathOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/.exec(url);
  if (!match) return null;
  const path = (match[1] ?? "").replace(/\/+$/, "");
  return path === "" ? "/" : path;
}
