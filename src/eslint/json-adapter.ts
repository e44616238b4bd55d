/**
 * JSON, JSONC and JSON5 trees (momoa's, which `@eslint/json` hands to rules) as structured
 * entries. Momoa nodes have no `parent`, so the walk starts at the Document and carries the path
 * of keys on an explicit stack, which also keeps a deeply nested file from overflowing the call
 * stack.
 */
import type { DocumentNode, ObjectNode, Token, ValueNode } from '@humanwhocodes/momoa';
import type { StructuredComment, StructuredEntry, StructuredMember } from '../detect/structured.js';

/** The shortest credential: strings shorter than a successor token are never entries. */
const MIN_KEY_LENGTH = 24;

const JSON_VALUE_TYPES = new Set(['Object', 'Array', 'String', 'Number', 'Boolean', 'Null', 'NaN', 'Infinity']);

/** Whether `ast` is a momoa Document (what `@eslint/json` gives rules as `sourceCode.ast`). */
export function isJsonDocument(ast: unknown): ast is DocumentNode {
  const node = ast as { type?: unknown; body?: { type?: unknown } } | null;
  return node?.type === 'Document' && typeof node.body?.type === 'string' && JSON_VALUE_TYPES.has(node.body.type);
}

/** Every string value long enough to hold a key, with the keys that lead to it. */
export function jsonEntries(document: DocumentNode): StructuredEntry[] {
  const entries: StructuredEntry[] = [];
  const stack: { node: ValueNode; path: readonly string[]; members?: readonly StructuredMember[] }[] = [{ node: document.body, path: [] }];
  while (stack.length > 0) {
    const { node, path, members } = stack.pop()!;
    switch (node.type) {
      case 'String':
        if (node.value.length >= MIN_KEY_LENGTH) {
          entries.push({ path, value: node.value, start: node.loc.start.offset, end: node.loc.end.offset, ...(members ? { members } : {}) });
        }
        break;
      case 'Object': {
        const members = membersOf(node);
        for (let index = node.members.length - 1; index >= 0; index--) {
          stack.push({ node: node.members[index]!.value, path: [...path, members[index]!.name], members });
        }
        break;
      }
      case 'Array':
        for (let index = node.elements.length - 1; index >= 0; index--) stack.push({ node: node.elements[index]!.value, path });
        break;
      default:
        break;
    }
  }
  return entries;
}

function memberName(name: ObjectNode['members'][number]['name']): string {
  return name.type === 'String' ? name.value : name.name;
}

function membersOf(object: ObjectNode): StructuredMember[] {
  return object.members.map((member) => ({ name: memberName(member.name), value: member.value.type === 'String' ? member.value.value : undefined }));
}

/** The comments of a JSONC or JSON5 token list, as structured comments. */
export function jsonComments(text: string, tokens: readonly Token[]): StructuredComment[] {
  const comments: StructuredComment[] = [];
  for (const token of tokens) {
    const { start: { offset: start }, end: { offset: end } } = token.loc;
    if (token.type === 'LineComment') comments.push({ value: text.slice(start + 2, end), start: start + 2, line: token.loc.start.line, kind: 'line' });
    else if (token.type === 'BlockComment') comments.push({ value: text.slice(start + 2, end - 2), start: start + 2, line: token.loc.start.line, kind: 'block' });
  }
  return comments;
}
