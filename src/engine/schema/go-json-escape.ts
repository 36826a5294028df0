// Go's encoding/json escapes <, >, & and U+2028/U+2029 as \u00XX (HTML-safe output); JSON.stringify does not.
// Every place that prints JSON as Go does (kubectl's printers, the API server's messages) applies this.
const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

export function goEscapeJSON(text: string): string {
  return text.replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
