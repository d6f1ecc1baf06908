// Rendering a layout that is still being edited: the draft may be broken, and the editor still wants
// to see everything that does render, with each unknown tag shown where it stands.
import Mustache, { type TemplateSpans } from 'mustache';
import type { LayoutPreview } from '../../shared/contract/layouts';
import type { LayoutProblem } from '../../shared/records';
import { TEMPLATE_VARIABLE_NAMES } from '../../shared/template-variables';
import type { Engine as App } from '../engine';
import { renderLayout, sampleContext, validateLayout, type TemplateContext } from '../services/layouts';
import { notFound } from './errors';

export interface DraftSource {
  invoiceId?: string | null;
  runDate?: string | null;
}

/** The data a draft renders with: a real invoice with its customer, or the sample one. */
export function draftContext(app: App, source: DraftSource): TemplateContext {
  const runDate = source.runDate ?? app.today();
  const settings = app.store.settings();
  if (!source.invoiceId) {
    const sample = sampleContext(runDate);
    // Staff see their own company in the example once it is registered.
    return { ...sample, company: settings.company ?? sample.company };
  }
  const invoice = app.store.invoice(source.invoiceId);
  if (!invoice) throw notFound('Fatura');
  const customer = app.store.customer(invoice.customerId);
  if (!customer) throw notFound('Cliente da fatura');
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  return {
    company: settings.company,
    customer,
    invoice,
    billingMethodName: method?.name ?? invoice.billingMethodId,
    boleto: method?.boleto ?? null,
    runDate,
    attachInvoice: true,
  };
}

/** Renders the draft whatever its state; the problems travel with the result. */
export function renderDraft(
  draft: { subject: string; html: string },
  context: TemplateContext,
): LayoutPreview {
  const problems = validateLayout(draft);
  if (problems.length === 0) return { ...renderLayout(draft, context), problems };

  const subject = neutralize(draft.subject, 'S');
  const html = neutralize(draft.html, 'H');
  const rendered = renderLayout({ subject: subject.template, html: html.template }, context);
  const literals = [...subject.literals, ...html.literals];
  return {
    subject: restore(rendered.subject, literals, (s) => s),
    html: restore(rendered.html, literals, (s) => `<mark>${escapeHtml(s)}</mark>`),
    text: restore(rendered.text, literals, (s) => s),
    problems,
  };
}

interface Neutralized {
  template: string;
  literals: { marker: string; literal: string }[];
}

/**
 * Replaces every tag that would fail validation by a plain-text marker, so the rest renders; the
 * marker comes back as the tag itself. A template that cannot even be parsed renders as empty.
 */
function neutralize(template: string, field: 'S' | 'H'): Neutralized {
  let tokens: TemplateSpans;
  try {
    tokens = Mustache.parse(template);
  } catch {
    return { template: '', literals: [] };
  }
  const spans: { start: number; end: number }[] = [];
  const customDelimiters = tokens.some(([type]) => type === '=');
  collect(tokens, 0, template, customDelimiters, spans);
  const literals: Neutralized['literals'] = [];
  let out = template;
  for (const span of spans.sort((a, b) => b.start - a.start)) {
    // Letters and digits only: untouched by HTML escaping and never wrapped by html-to-text.
    const marker = `REGUATAG${field}${literals.length}Z`;
    literals.push({ marker, literal: template.slice(span.start, span.end) });
    out = out.slice(0, span.start) + marker + out.slice(span.end);
  }
  // Anything still wrong (e.g. a bad section with changed delimiters) leaves that part empty.
  if (validateLayout({ subject: out, html: '' }).length > 0) return { template: '', literals: [] };
  return { template: out, literals };
}

function collect(
  tokens: TemplateSpans,
  depth: number,
  template: string,
  customDelimiters: boolean,
  spans: { start: number; end: number }[],
): void {
  for (const token of tokens) {
    const [type, name, start, end] = token;
    const unknown = name === '.' ? depth === 0 : !TEMPLATE_VARIABLE_NAMES.has(name);
    if (type === '>' || ((type === 'name' || type === '&') && unknown)) {
      spans.push({ start, end });
    } else if ((type === '#' || type === '^') && unknown && !customDelimiters) {
      // The whole section goes: its closing tag starts at token[5] and ends at the next "}}".
      const closeStart = token[5] ?? end;
      const closeEnd = template.indexOf('}}', closeStart);
      spans.push({ start, end: closeEnd < 0 ? template.length : closeEnd + 2 });
    } else if (type === '#' || type === '^') {
      const children = token[4];
      if (Array.isArray(children)) collect(children, depth + 1, template, customDelimiters, spans);
    }
  }
}

function restore(
  rendered: string,
  literals: Neutralized['literals'],
  show: (literal: string) => string,
): string {
  let out = rendered;
  for (const { marker, literal } of literals) out = out.split(marker).join(show(literal));
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One message per field, for the form: every problem of that field, in order. */
export function problemsByField(problems: readonly LayoutProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.field] = out[p.field] ? `${out[p.field]}; ${p.message}` : p.message;
  return out;
}
