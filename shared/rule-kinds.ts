export const RULE_KINDS = ['before_due', 'on_due', 'after_due', 'after_issue'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const LABELS: Record<RuleKind, string> = {
  before_due: 'Envio antes do Vencimento',
  on_due: 'Envio no Vencimento',
  after_due: 'Envio após Vencido',
  after_issue: 'Envio após Emissão',
};

export const ruleKindLabel = (kind: RuleKind): string => LABELS[kind];
