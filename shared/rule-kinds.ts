// Everything a send rule's kind means, in one table: the date it counts from, which way, how many
// days it allows, how staff call it and which pre-registered layout suits it. The planner,
// validation, the régua timeline, the forms, the CLI and every label read it; a new kind is one row.
export const RULE_KINDS = ['before_due', 'on_due', 'after_due', 'after_issue'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface RuleKindSpec {
  /** As the ERP names it: "Envio após Vencido". */
  label: string;
  /** The invoice date the days count from. */
  anchor: 'due' | 'issue';
  /** -1: days before the anchor; 0: the anchor itself; +1: days after it. */
  sign: -1 | 0 | 1;
  minDays: number;
  maxDays: number;
  /** The pre-registered layout offered for a new rule of this kind. */
  suggestedLayoutId: string;
}

export const RULE_KIND_SPECS: Readonly<Record<RuleKind, RuleKindSpec>> = {
  before_due: {
    label: 'Envio antes do Vencimento',
    anchor: 'due',
    sign: -1,
    minDays: 1,
    maxDays: 365,
    suggestedLayoutId: 'boleto-antes-vencimento',
  },
  on_due: {
    label: 'Envio no Vencimento',
    anchor: 'due',
    sign: 0,
    minDays: 0,
    maxDays: 0,
    suggestedLayoutId: 'boleto-no-vencimento',
  },
  after_due: {
    label: 'Envio após Vencido',
    anchor: 'due',
    sign: 1,
    minDays: 1,
    maxDays: 365,
    suggestedLayoutId: 'boleto-apos-vencimento',
  },
  after_issue: {
    label: 'Envio após Emissão',
    anchor: 'issue',
    sign: 1,
    minDays: 0,
    maxDays: 365,
    suggestedLayoutId: 'boleto-emissao',
  },
};

export const ruleKindLabel = (kind: RuleKind): string => RULE_KIND_SPECS[kind].label;

const dayCount = (days: number) => `${days} ${days === 1 ? 'dia' : 'dias'}`;

/** The one way a rule is named to staff: "Envio após Vencido com 13 dias", "Envio no Vencimento". */
export function ruleLabel(rule: { kind: RuleKind; days: number }): string {
  const spec = RULE_KIND_SPECS[rule.kind];
  return spec.minDays === spec.maxDays ? spec.label : `${spec.label} com ${dayCount(rule.days)}`;
}

/** When the notice goes, in words: "13 dias após o vencimento", "na data de vencimento". */
export function ruleTiming(rule: { kind: RuleKind; days: number }): string {
  const spec = RULE_KIND_SPECS[rule.kind];
  const [article, anchor] = spec.anchor === 'due' ? ['o', 'vencimento'] : ['a', 'emissão'];
  if (spec.sign === 0 || rule.days === 0) return `na data de ${anchor}`;
  return `${dayCount(rule.days)} ${spec.sign < 0 ? `antes d${article}` : `após ${article}`} ${anchor}`;
}

/** The allowed days of a kind, for messages: "de 1 a 365", "0". */
export function allowedDays(kind: RuleKind): string {
  const { minDays, maxDays } = RULE_KIND_SPECS[kind];
  return minDays === maxDays ? String(minDays) : `de ${minDays} a ${maxDays}`;
}

/** The reference day (days since 1970-01-01) of a rule for an invoice: the central formula. */
export function referenceDayOf(kind: RuleKind, days: number, issueDay: number, dueDay: number): number {
  const spec = RULE_KIND_SPECS[kind];
  return (spec.anchor === 'due' ? dueDay : issueDay) + spec.sign * days;
}
