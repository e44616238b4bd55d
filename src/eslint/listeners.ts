/** Rule listeners side by side: both run for a node type they share, the first one first. */
import type { TSESLint } from '@typescript-eslint/utils';

type Handler = (node: never) => void;

export function combineListeners(first: TSESLint.RuleListener, second: TSESLint.RuleListener): TSESLint.RuleListener {
  const combined: Record<string, Handler> = { ...(first as Record<string, Handler>) };
  for (const [selector, handler] of Object.entries(second as Record<string, Handler>)) {
    const earlier = combined[selector];
    combined[selector] = earlier
      ? (node: never) => {
          earlier(node);
          handler(node);
        }
      : handler;
  }
  return combined as TSESLint.RuleListener;
}
