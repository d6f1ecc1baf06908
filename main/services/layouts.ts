// E-mail layouts: the pre-registered defaults, validation against the variable catalogue and
// rendering of one notice into subject, HTML and plain-text parts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache, { type TemplateSpans } from 'mustache';
import { z } from 'zod';
import { buildBankLine, buildPixCode, parseDigitableLine } from '../../shared/br';
import type { BoletoSettings } from '../../shared/boleto';
import { daysBetween, formatDateBR, formatMoneyBR } from '../../shared/calendar';
import {
  emailLayoutSchema,
  type Company,
  type Customer,
  type EmailLayout,
  type Invoice,
} from '../../shared/domain';
import { parseEmailList } from '../../shared/email-list';
import { PAYMENT_VARIABLES } from '../../shared/payment-means';
import { INLINE_IMAGE_CIDS, TEMPLATE_VARIABLE_NAMES } from '../../shared/template-variables';
import type { RenderedEmail, LayoutProblem } from '../../shared/records';
import { convertedText, htmlText, noEscape, textPart } from './layout-text';
export type { RenderedEmail, LayoutProblem };

export interface TemplateContext {
  company: Company | null;
  customer: Customer;
  invoice: Invoice;
  billingMethodName: string;
  /** YYYY-MM-DD */
  runDate: string;
  /** Whether the invoice PDF goes attached; drives {{envio.pdfAnexo}}. Omitted means attached. */
  attachInvoice?: boolean;
  /** The billing method's boleto settings (instructions, beneficiary code…), for the generated PDF. */
  boleto?: BoletoSettings | null;
}

const FIELD_LABEL = { subject: 'assunto', html: 'corpo HTML' } as const;

export class LayoutError extends Error {
  constructor(readonly problems: LayoutProblem[]) {
    super(`layout inválido: ${problems.map((p) => `${FIELD_LABEL[p.field]}: ${p.message}`).join('; ')}`);
    this.name = 'LayoutError';
  }
}

const layoutIndexSchema = z.array(
  z.strictObject({
    id: z.string(),
    name: z.string(),
    subject: z.string(),
    // A bare file name: the index must not reach outside the layouts folder.
    file: z.string().regex(/^[\w-]+\.html$/, 'arquivo deve ser um nome simples terminado em .html'),
  }),
);

export function loadDefaultLayouts(assetsDir: string): EmailLayout[] {
  const dir = join(assetsDir, 'layouts');
  const indexPath = join(dir, 'index.json');
  const index = layoutIndexSchema.safeParse(JSON.parse(readFileSync(indexPath, 'utf8')));
  if (!index.success) throw new Error(`${indexPath} inválido:\n${z.prettifyError(index.error)}`);
  return index.data.map(({ file, ...entry }) => {
    const parsed = emailLayoutSchema.safeParse({ ...entry, html: readFileSync(join(dir, file), 'utf8') });
    if (!parsed.success)
      throw new Error(`layout padrão ${entry.id} inválido:\n${z.prettifyError(parsed.error)}`);
    const problems = validateLayout(parsed.data);
    if (problems.length > 0) throw new LayoutError(problems);
    return parsed.data;
  });
}

export function validateLayout(
  layout: Pick<EmailLayout, 'subject' | 'html'> & { reminder?: boolean },
): LayoutProblem[] {
  const reminder = layout.reminder === true;
  return [...problemsIn('subject', layout.subject, reminder), ...problemsIn('html', layout.html, reminder)];
}

function problemsIn(field: LayoutProblem['field'], template: string, reminder: boolean): LayoutProblem[] {
  let tokens: TemplateSpans;
  try {
    tokens = Mustache.parse(template);
  } catch (error) {
    return [{ field, message: syntaxMessage(error, template) }];
  }
  const messages = new Set<string>();
  const names = new Set<string>();
  walk(tokens, 0, messages, names);
  // A reminder layout goes to invoices with nothing to pay with: a payment variable would render empty.
  if (reminder)
    for (const name of PAYMENT_VARIABLES)
      if (names.has(name))
        messages.add(
          `um layout de lembrete (sem cobrança) não pode usar {{${name}}}: retire a variável ou desmarque "Lembrete sem cobrança"`,
        );
  return [...messages].map((message) => ({ field, message }));
}

// Names are checked against the catalogue literally: mustache would resolve an unknown name
// inside a section against the section's value (e.g. `length` of a string) or a parent.
function walk(tokens: TemplateSpans, depth: number, out: Set<string>, names: Set<string>): void {
  for (const token of tokens) {
    const [type, name] = token;
    if (type === '>') {
      out.add(`parciais não são permitidas: {{> ${name}}}`);
    } else if (type === '&') {
      // Unescaped output would let a customer's name or an imported field inject HTML into the e-mail.
      out.add(
        `variável sem escape não é permitida: use {{${name}}} em vez de {{{${name}}}} ou {{& ${name}}}`,
      );
    } else if (type === 'name' || type === '#' || type === '^') {
      names.add(name);
      if (name === '.') {
        if (depth === 0) out.add('{{.}} só pode ser usado dentro de uma seção');
      } else if (!TEMPLATE_VARIABLE_NAMES.has(name)) {
        out.add(unknownMessage(name));
      }
      const children = token[4];
      if (Array.isArray(children)) walk(children, depth + 1, out, names);
    }
  }
}

function unknownMessage(name: string): string {
  if (name === '') return 'tag vazia: {{}}';
  const guess = closestVariable(name);
  return `variável desconhecida: {{${name}}}${guess ? ` (quis dizer {{${guess}}}?)` : ''}`;
}

function closestVariable(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(name.length / 3));
  for (const candidate of TEMPLATE_VARIABLE_NAMES) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d <= bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

function syntaxMessage(error: unknown, template: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const at = / at (\d+)$/.exec(raw);
  const where = at ? ` (linha ${template.slice(0, Number(at[1])).split('\n').length})` : '';
  const section = /section "(.*)"/.exec(raw)?.[1];
  if (raw.startsWith('Unclosed tag'))
    return `erro de sintaxe: tag aberta com {{ e não fechada com }}${where}`;
  if (raw.startsWith('Unclosed section')) {
    return `erro de sintaxe: a seção {{#${section}}} não foi fechada com {{/${section}}}${where}`;
  }
  if (raw.startsWith('Unopened section')) {
    return `erro de sintaxe: {{/${section}}} fecha uma seção que não foi aberta${where}`;
  }
  if (raw.startsWith('Invalid tags')) return 'erro de sintaxe: delimitadores inválidos em {{= =}}';
  return `erro de sintaxe: ${raw}`;
}

function formatDocument(document: string | null | undefined): string {
  const raw = (document ?? '').trim();
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 11) return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  if (digits.length === 14) return digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  return raw;
}

/** Grouped as the bank prints it when it checks; anything else as stored. */
function formatLine(line: string | null | undefined): string {
  const raw = (line ?? '').trim();
  if (!raw) return '';
  const parsed = parseDigitableLine(raw);
  return parsed.ok ? parsed.value.formatted : raw;
}

/** The view handed to mustache; its keys are exactly the names in TEMPLATE_VARIABLES. */
export function templateView(ctx: TemplateContext): Record<string, unknown> {
  const { company, customer, invoice, runDate } = ctx;
  const late = daysBetween(invoice.dueDate, runDate);
  return {
    cliente: {
      nome: customer.name,
      documento: formatDocument(customer.document),
      email: parseEmailList(customer.email).valid.join(', '),
    },
    fatura: {
      numero: invoice.number,
      valor: formatMoneyBR(invoice.amountCents),
      emissao: formatDateBR(invoice.issueDate),
      vencimento: formatDateBR(invoice.dueDate),
      diasAtraso: Math.max(0, late),
      diasParaVencer: Math.max(0, -late),
      vencida: late > 0,
      linhaDigitavel: formatLine(invoice.digitableLine),
      pixCopiaECola: invoice.pixCode ?? '',
      pixQrCode: invoice.pixCode?.trim() ? `cid:${INLINE_IMAGE_CIDS.pixQrCode}` : '',
      formaCobranca: ctx.billingMethodName,
    },
    empresa: {
      nome: company?.name ?? '',
      documento: formatDocument(company?.document),
      email: company?.email ?? '',
      telefone: company?.phone ?? '',
      logo: company?.logo ? `cid:${INLINE_IMAGE_CIDS.logo}` : '',
    },
    envio: { data: formatDateBR(runDate), pdfAnexo: ctx.attachInvoice === false ? '' : 'sim' },
  };
}

/** What Mustache.parse returns, as the typings of Writer.renderTokens name it. */
type Tokens = Parameters<Mustache.Writer['renderTokens']>[0];
const parse = (template: string) => Mustache.parse(template) as unknown as Tokens;

interface CompiledLayout {
  problems: LayoutProblem[];
  subject: Tokens;
  html: Tokens;
  /** The text template (see textPart) and its tokens. */
  textSource: string;
  text: Tokens;
  /** Whether the text template is text already (else HTML to convert per notice). */
  textConverted: boolean;
}

/**
 * A layout's templates parsed once, with its problems: a run renders the same few layouts thousands
 * of times. Keyed by the templates themselves (the HTML, then the subject), so an edited layout is a
 * new entry; bounded. Two levels, so that a lookup hashes the HTML as it came, never a copy joined to
 * the subject.
 */
const compiledLayouts = new Map<string, Map<string, CompiledLayout>>();
const COMPILED_LAYOUTS_KEPT = 64;

function compile(layout: Pick<EmailLayout, 'subject' | 'html'> & { reminder?: boolean }): CompiledLayout {
  const problems = validateLayout(layout);
  if (problems.length > 0)
    return { problems, subject: [], html: [], textSource: '', text: [], textConverted: false };
  const text = textPart(layout.html);
  return {
    problems,
    subject: parse(layout.subject),
    html: parse(layout.html),
    textSource: text.template,
    text: parse(text.template),
    textConverted: text.converted,
  };
}

function compiledLayout(layout: Pick<EmailLayout, 'subject' | 'html'> & { reminder?: boolean }) {
  const subjectKey = `${layout.reminder === true ? 1 : 0}${layout.subject}`;
  let bySubject = compiledLayouts.get(layout.html);
  let compiled = bySubject?.get(subjectKey);
  if (!compiled) {
    compiled = compile(layout);
    if (!bySubject) {
      if (compiledLayouts.size >= COMPILED_LAYOUTS_KEPT) compiledLayouts.clear();
      compiledLayouts.set(layout.html, (bySubject = new Map()));
    }
    if (bySubject.size >= COMPILED_LAYOUTS_KEPT) bySubject.clear();
    bySubject.set(subjectKey, compiled);
  }
  return compiled;
}

const writer = new Mustache.Writer();

/** Throws LayoutError when the layout does not validate: a broken notice is never sent. */
export function renderLayout(
  layout: Pick<EmailLayout, 'subject' | 'html'>,
  ctx: TemplateContext,
): RenderedEmail {
  const compiled = compiledLayout(layout);
  if (compiled.problems.length > 0) throw new LayoutError(compiled.problems);
  const view = new Mustache.Context(templateView(ctx));
  const subject = writer
    .renderTokens(compiled.subject, view, {}, layout.subject, noEscape)
    .replace(/\s+/g, ' ')
    .trim();
  const html = writer.renderTokens(compiled.html, view, {}, layout.html);
  const text =
    (compiled.textConverted
      ? convertedText(writer.renderTokens(compiled.text, view, {}, compiled.textSource, noEscape))
      : htmlText(writer.renderTokens(compiled.text, view, {}, compiled.textSource))) || subject;
  return { subject, html, text };
}

export function sampleContext(runDate = '2026-03-10'): TemplateContext {
  return {
    company: {
      name: 'Conecta Fibra Telecom',
      document: '12345678000195',
      email: 'financeiro@conectafibra.com.br',
      phone: '(11) 4002-8922',
      timezone: 'America/Sao_Paulo',
      state: 'SP',
      city: 'São Paulo',
    },
    customer: {
      id: 'cli-000123',
      name: 'Maria da Silva Souza',
      document: '12345678909',
      email: 'maria.souza@exemplo.com.br',
      phone: '(11) 98765-4321',
      active: true,
      emailOptOut: false,
    },
    invoice: {
      id: 'fat-2026000123',
      customerId: 'cli-000123',
      billingMethodId: 'boleto',
      number: '2026000123',
      issueDate: '2026-03-01',
      dueDate: '2026-03-15',
      amountCents: 9990,
      status: 'open',
      digitableLine: buildBankLine({
        bankCode: '237',
        dueDate: '2026-03-15',
        amountCents: 9990,
        freeField: '3381260082677099320000633',
      }),
      pixCode: buildPixCode({
        key: '7d9f0335-8dcc-4054-9bf9-0dbd61c36906',
        merchantName: 'CONECTA FIBRA TELECOM',
        merchantCity: 'SAO PAULO',
        amountCents: 9990,
        txid: 'FAT2026000123',
      }),
      pdfPath: null,
    },
    billingMethodName: 'Boleto Bancário',
    runDate,
    attachInvoice: true,
  };
}
