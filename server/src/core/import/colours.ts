/** CSS colour names, which Mermaid's `box` and `rect` take as their first word (the `color-name` package's list). */
import colorNames from 'color-name';

export function isCssColour(word: string): boolean {
  const w = word.toLowerCase();
  return w === 'transparent' || Object.prototype.hasOwnProperty.call(colorNames, w);
}
