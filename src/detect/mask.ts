/** How a key is shown anywhere a person or a log can see it: never in full. */
export function maskKey(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}
