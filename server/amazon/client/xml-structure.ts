import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A small structural check for XML feeds whose XSD we do not have (OrderAdjustment.xsd is not
 * public): well-formedness, then each element's children in the declared order and number.
 */
export interface ChildRule {
  /** Alternatives allowed at this position (e.g. AmazonOrderID | MerchantOrderID). */
  names: readonly string[];
  min: number;
  max: number;
}
export type StructureSpec = Record<string, readonly ChildRule[]>;

export type XmlNode = {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
};

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** Parses to an element tree; throws with the parser's message when not well-formed. */
export function parseXmlTree(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SyntaxError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const roots = (orderedParser.parse(xml) as unknown[]).map(toNode).filter((n) => n !== null);
  const root = roots.find((n) => !n.name.startsWith('?'));
  if (!root) throw new SyntaxError('no root element');
  return root;
}

function toNode(raw: unknown): XmlNode | null {
  if (!raw || typeof raw !== 'object') return null;
  const entries = Object.entries(raw as Record<string, unknown>).filter(([k]) => k !== ':@');
  const [name, content] = entries[0] ?? [];
  if (!name || name === '#text') return null;
  const attributes = ((raw as Record<string, unknown>)[':@'] ?? {}) as Record<string, string>;
  const items = Array.isArray(content) ? content : [];
  const text = items
    .map((c) =>
      c && typeof c === 'object' && '#text' in c
        ? String((c as { '#text': unknown })['#text'])
        : '',
    )
    .join('');
  const children = items.map(toNode).filter((n): n is XmlNode => n !== null);
  return { name, attributes, children, text };
}

/** Every structural problem found, as `path: message`; empty when the tree follows `spec`. */
export function checkStructure(node: XmlNode, spec: StructureSpec, path = node.name): string[] {
  const rules = spec[node.name];
  if (!rules) return [];
  const problems: string[] = [];
  let index = 0;
  for (const rule of rules) {
    let count = 0;
    while (index < node.children.length && rule.names.includes(node.children[index]!.name)) {
      count++;
      index++;
    }
    if (count < rule.min) problems.push(`${path}: missing ${rule.names.join(' | ')}`);
    if (count > rule.max) problems.push(`${path}: too many ${rule.names.join(' | ')}`);
  }
  for (const extra of node.children.slice(index)) {
    problems.push(`${path}: unexpected or misplaced <${extra.name}>`);
  }
  node.children.forEach((child, i) => {
    problems.push(...checkStructure(child, spec, `${path}/${child.name}[${i}]`));
  });
  return problems;
}
