/** What the CLI prints is safe for a terminal: no raw ESC or other control character (line breaks kept). */
export function safeForTerminal(s: string): string {
  return s.replace(/\t/g, ' ').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/g, '?');
}
