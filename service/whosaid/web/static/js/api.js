// The calls the page makes: POST /v1/attributions for each article, asking for
// UTF-16 offsets so that text.slice(start, end) in JavaScript is exactly the
// quote, whatever emoji or other astral characters come before it; and POST
// /v1/sources for the sources across all of them.

const ENDPOINT = "/v1/attributions";
export const UNAUTHORIZED = 401;

// The API key, when the service asks for one: in this variable only, so it lasts
// as long as the page and goes with a reload or a closed tab. It is never put in
// the URL, in storage or in a cookie, where it would outlive the class or leak
// into logs and history.
let apiKey = null;

/** Use `key` for the requests from now on (null: none). */
export function useKey(key) {
  apiKey = key || null;
}

/** Whether the page has a key to send. */
export function hasKey() {
  return apiKey !== null;
}
const SOURCES_ENDPOINT = "/v1/sources";

/** A failed request, with the fields of its RFC 9457 problem. */
export class ServiceError extends Error {
  constructor({ status = null, title, detail = "", requestId = null }) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ServiceError";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.requestId = requestId;
  }
}

/** The vocabulary the page's controls offer (cue types) and the default
 * confidence threshold, as the app serves them. */
export async function vocabulary() {
  const response = await fetch("/vocabulary.json", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new ServiceError(await problemOf(response));
  return response.json();
}

/** The record of `text`, sent under `id` with the `filters` chosen on the page
 * (min_confidence, cue_types); throws a ServiceError. */
export async function attribute(text, id, filters = {}) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, application/problem+json",
        ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify({ id, text, options: { offsets: "utf16", ...filters } }),
    });
  } catch {
    throw new ServiceError({
      title: "No answer from whosaid",
      detail: "The page could not reach the service. Is it still running?",
    });
  }
  if (response.ok) return response.json();
  throw new ServiceError(await problemOf(response));
}

/** The batch-level sources of `records` ({sources, source_mix}); throws a
 * ServiceError. */
export async function mergeSources(records) {
  let response;
  try {
    response = await fetch(SOURCES_ENDPOINT, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, application/problem+json",
        ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify(records),
    });
  } catch {
    throw new ServiceError({
      title: "No answer from whosaid",
      detail: "The page could not reach the service. Is it still running?",
    });
  }
  if (response.ok) return response.json();
  throw new ServiceError(await problemOf(response));
}

/** The problem in an error response; a body that is not one still gets a message. */
async function problemOf(response) {
  const requestId = response.headers.get("X-Request-ID");
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("json")) {
    try {
      const body = await response.json();
      return {
        status: body.status ?? response.status,
        title: body.title ?? response.statusText,
        detail: body.detail ?? "",
        requestId: body.request_id ?? requestId,
      };
    } catch {
      // Not JSON after all: fall through to the status line.
    }
  }
  return {
    status: response.status,
    title: response.statusText || "Error",
    detail: "The service answered with an error.",
    requestId,
  };
}
