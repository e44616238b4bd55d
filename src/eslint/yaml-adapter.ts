/**
 * YAML trees (yaml-eslint-parser's, the parser of eslint-plugin-yml) as structured entries: every
 * document of a multi-document file (a Kubernetes manifest), block and flow collections, anchors
 * and tags. Walked with an explicit stack, like the JSON adapter, so nesting depth costs no call
 * stack.
 */
import type { AST } from 'yaml-eslint-parser';
import type { StructuredComment, StructuredEntry, StructuredMember } from '../detect/structured.js';

/** The shortest credential: strings shorter than a successor token are never entries. */
const MIN_KEY_LENGTH = 24;

type YamlNode = AST.YAMLContent | AST.YAMLWithMeta;

/** Whether `ast` is yaml-eslint-parser's program (its root is a `Program` of `YAMLDocument`s). */
export function isYamlProgram(ast: unknown, parserServices: unknown): ast is AST.YAMLProgram {
  const program = ast as { type?: unknown; body?: unknown } | null;
  if (program?.type !== 'Program' || !Array.isArray(program.body)) return false;
  if ((parserServices as { isYAML?: unknown } | undefined)?.isYAML === true) return true;
  return program.body.length > 0 && program.body.every((node: { type?: unknown }) => node.type === 'YAMLDocument');
}

/** The string a scalar holds; a plain scalar that reads as a number or boolean, as written. */
function scalarText(node: AST.YAMLScalar): string | undefined {
  if (typeof node.value === 'string') return node.value;
  return node.style === 'plain' ? node.strValue : undefined;
}

function unwrap(node: YamlNode | null): AST.YAMLContent | null {
  return node?.type === 'YAMLWithMeta' ? node.value : node;
}

/** A mapping key as a name; a complex key (a mapping or sequence) names nothing. */
function keyName(node: YamlNode | null): string | undefined {
  const key = unwrap(node);
  return key?.type === 'YAMLScalar' ? (scalarText(key) ?? String(key.value)) : undefined;
}

/** Every string scalar long enough to hold a key, with the keys that lead to it. */
export function yamlEntries(program: AST.YAMLProgram): StructuredEntry[] {
  const entries: StructuredEntry[] = [];
  const stack: { node: YamlNode | null; path: readonly string[]; members?: readonly StructuredMember[] }[] = [];
  for (let index = program.body.length - 1; index >= 0; index--) stack.push({ node: program.body[index]!.content, path: [] });
  while (stack.length > 0) {
    const { path, members, node: written } = stack.pop()!;
    const node = unwrap(written);
    if (!node) continue;
    switch (node.type) {
      case 'YAMLScalar': {
        const value = scalarText(node);
        if (value !== undefined && value.length >= MIN_KEY_LENGTH) {
          entries.push({ path, value, start: node.range[0], end: node.range[1], ...(members ? { members } : {}) });
        }
        break;
      }
      case 'YAMLMapping': {
        const members = membersOf(node);
        for (let index = node.pairs.length - 1; index >= 0; index--) {
          const pair = node.pairs[index]!;
          const name = keyName(pair.key);
          if (name !== undefined) stack.push({ node: pair.value, path: [...path, name], members });
        }
        break;
      }
      case 'YAMLSequence':
        for (let index = node.entries.length - 1; index >= 0; index--) stack.push({ node: node.entries[index] ?? null, path });
        break;
      default:
        // An alias repeats a node that is judged where it is written.
        break;
    }
  }
  return entries;
}

function membersOf(mapping: AST.YAMLMapping): StructuredMember[] {
  const members: StructuredMember[] = [];
  for (const pair of mapping.pairs) {
    const name = keyName(pair.key);
    const value = unwrap(pair.value);
    if (name !== undefined) members.push({ name, value: value?.type === 'YAMLScalar' ? scalarText(value) : undefined });
  }
  return members;
}

/** A YAML file's `#` comments, as structured comments. */
export function yamlComments(comments: readonly AST.Comment[]): StructuredComment[] {
  return comments.map((comment) => ({ value: comment.value, start: comment.range[0] + 1, line: comment.loc.start.line, kind: 'line' as const }));
}
