/** What the simulator tests look at in an answer. */
export interface SimResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Undefined when the body is not JSON (fault pages, deliberately truncated JSON). */
  json: unknown;
}

/** Reads a fetch Response once, keeping the raw text so tests can check bodies that are not JSON. */
export async function readResponse(res: Response): Promise<SimResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
