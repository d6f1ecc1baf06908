// Mustache templates for the layout property tests, as a tree that knows what it is: variables from
// the catalogue and from outside it (constructor, __proto__, dotted paths into prototypes), sections
// and inverted sections, partials, triple mustaches, comments and a set-delimiter switch. The tree
// prints itself as a template, says which names a layout must be refused for, and renders itself
// by an independent reference (own properties of the view only, mustache's escaping) to compare
// the real rendering with.
import fc from 'fast-check';
import { TEMPLATE_VARIABLE_NAMES } from '../../shared/template-variables';

export type Node =
  | { t: 'text'; s: string }
  | { t: 'comment'; s: string }
  | { t: 'var'; name: string; raw: false | '{' | '&' }
  | { t: 'partial'; name: string }
  | { t: 'section'; name: string; inverted: boolean; children: Node[] };

export interface Template {
  nodes: Node[];
  /** Index in `nodes` from which tags are written <% %> (after {{=<% %>=}}); -1: never. */
  switchAt: number;
}

const CATALOGUE = [...TEMPLATE_VARIABLE_NAMES];
/** Names outside the catalogue, some reaching for prototypes, globals or files. */
export const OUTSIDE = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'cliente',
  'fatura',
  'cliente.constructor',
  'cliente.__proto__',
  'cliente.nome.length',
  'cliente.nome.constructor.name',
  'fatura.valor.toString',
  'cliente.__proto__.polluted',
  'constructor.constructor',
  'process.env.HOME',
  'global.process',
  'require',
  'this',
  'cliente.cpf',
  'fatura.total',
  'Cliente.Nome',
  'etc/passwd',
];

const TEXT = [
  'Olá, ',
  '<p>',
  '</p>',
  ' ',
  'R$',
  '<b>',
  '</b>',
  'a & b',
  'Fatura',
  '"aspas"',
  "d'água",
  ' — ',
];

const textNode = fc.constantFrom(...TEXT).map((s): Node => ({ t: 'text', s }));
const commentNode = fc.constantFrom(' nota ', 'x').map((s): Node => ({ t: 'comment', s }));

function nodeArb(depth: number, outside: boolean): fc.Arbitrary<Node> {
  const name = outside
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CATALOGUE) }, fc.constantFrom(...OUTSIDE, '.'))
    : fc.constantFrom(...CATALOGUE, ...(depth > 0 ? ['.'] : []));
  const variable = fc.record({
    t: fc.constant('var' as const),
    name,
    raw: outside
      ? fc.constantFrom(false as const, false as const, false as const, '{' as const, '&' as const)
      : fc.constant(false as const),
  });
  const options: fc.Arbitrary<Node>[] = [textNode, textNode, variable, commentNode];
  if (outside)
    options.push(
      fc.record({
        t: fc.constant('partial' as const),
        name: fc.constantFrom('x', 'cabecalho', '/etc/passwd'),
      }),
    );
  if (depth < 2)
    options.push(
      fc.record({
        t: fc.constant('section' as const),
        name: outside ? fc.constantFrom(...CATALOGUE, ...OUTSIDE) : fc.constantFrom(...CATALOGUE),
        inverted: fc.boolean(),
        children: fc.array(nodeArb(depth + 1, outside), { maxLength: 4 }),
      }),
    );
  return fc.oneof(...options);
}

/** Templates; with `outside`, names and constructs a layout must be refused for may appear. */
export const templateArb = (outside: boolean): fc.Arbitrary<Template> =>
  fc
    .array(nodeArb(0, outside), { minLength: 1, maxLength: 8 })
    .chain((nodes) =>
      fc.record({ nodes: fc.constant(nodes), switchAt: fc.integer({ min: -1, max: nodes.length }) }),
    )
    .filter((t) => print(t).length <= 450); // a subject holds 500 characters

/** The template's text. */
export function print({ nodes, switchAt }: Template): string {
  let out = '';
  nodes.forEach((node, i) => {
    if (i === switchAt) out += '{{=<% %>=}}';
    out += printNode(node, i >= switchAt && switchAt >= 0 ? ['<%', '%>'] : ['{{', '}}']);
  });
  if (switchAt === nodes.length) out += '{{=<% %>=}}';
  return out;
}

function printNode(node: Node, [open, close]: [string, string]): string {
  switch (node.t) {
    case 'text':
      return node.s;
    case 'comment':
      return `${open}!${node.s}${close}`;
    case 'var':
      if (node.raw === '{') return `${open}{${node.name}}${close}`;
      if (node.raw === '&') return `${open}& ${node.name}${close}`;
      return `${open}${node.name}${close}`;
    case 'partial':
      return `${open}> ${node.name}${close}`;
    case 'section': {
      const inner = node.children.map((c) => printNode(c, [open, close])).join('');
      return `${open}${node.inverted ? '^' : '#'}${node.name}${close}${inner}${open}/${node.name}${close}`;
    }
  }
}

/** What a layout must be refused for, each as the text its message must contain. */
export function forbidden(template: Template): string[] {
  const out: string[] = [];
  const walk = (nodes: Node[], depth: number) => {
    for (const n of nodes) {
      if (n.t === 'partial') out.push(`{{> ${n.name}}}`);
      else if (n.t === 'var' && n.raw) out.push(`{{${n.name}}}`);
      else if ((n.t === 'var' || n.t === 'section') && n.name === '.' && depth === 0) out.push('{{.}}');
      else if ((n.t === 'var' || n.t === 'section') && n.name !== '.' && !TEMPLATE_VARIABLE_NAMES.has(n.name))
        out.push(`{{${n.name}}}`);
      if (n.t === 'section') walk(n.children, depth + 1);
    }
  };
  walk(template.nodes, 0);
  return out;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '/': '&#x2F;',
  '`': '&#x60;',
  '=': '&#x3D;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"'`=/]/g, (c) => ENTITIES[c]!);

/** A dotted name read from the view through own properties only. */
function lookup(view: Record<string, unknown>, name: string): unknown {
  let value: unknown = view;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The reference rendering of a valid template (no partials, no raw output, catalogue names). */
export function reference(template: Template, view: Record<string, unknown>, escape: boolean): string {
  const render = (nodes: Node[], top: unknown): string =>
    nodes
      .map((n) => {
        if (n.t === 'text') return n.s;
        if (n.t === 'var') {
          const v = n.name === '.' ? top : lookup(view, n.name);
          if (v === undefined || v === null) return '';
          return escape ? escapeHtml(String(v)) : String(v);
        }
        if (n.t === 'section') {
          const v = n.name === '.' ? top : lookup(view, n.name);
          if (n.inverted) return v ? '' : render(n.children, top);
          if (!v) return '';
          return render(n.children, typeof v === 'boolean' ? top : v);
        }
        return '';
      })
      .join('');
  return render(template.nodes, view);
}
