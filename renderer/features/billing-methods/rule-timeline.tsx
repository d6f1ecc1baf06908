// A picture of the régua: one horizontal line from Emissão through Vencimento into Vencida, each rule a
// mark at its offset. Rules counted from the due date sit above the line ("-5", "0", "+13"); rules
// counted from the issue date sit below it. The span between issue and due varies per invoice, so that
// part is drawn at a nominal scale.
import { ColorSwatch, Group, Text } from '@mantine/core';
import type { SendRuleView } from '../../../shared/contract/billing';
import {
  RULE_KIND_SPECS,
  RULE_KINDS,
  ruleKindLabel,
  ruleTiming,
  type RuleKind,
} from '../../../shared/rule-kinds';

export const KIND_COLOR: Record<RuleKind, string> = {
  after_issue: 'var(--mantine-color-blue-6)',
  before_due: 'var(--mantine-color-yellow-7)',
  on_due: 'var(--mantine-color-teal-7)',
  after_due: 'var(--mantine-color-red-7)',
};

const WIDTH = 760;
const X_ISSUE = 60;
const X_DUE = 330;
const X_END = 730;
const LEVEL = 20;
const MIN_GAP = 30;

/** "-3", "0", "+13": the offset as the timeline marks it. */
export const offsetLabel = (rule: Pick<SendRuleView, 'kind' | 'days'>): string => {
  const { sign } = RULE_KIND_SPECS[rule.kind];
  return sign === 0 ? '0' : `${sign < 0 ? '-' : '+'}${rule.days}`;
};

interface Mark {
  rule: SendRuleView;
  x: number;
  level: number;
}

/** Stacks labels that would touch into higher levels, nearest first. */
function stack(marks: Omit<Mark, 'level'>[]): Mark[] {
  const lastX: number[] = [];
  return [...marks]
    .sort((a, b) => a.x - b.x)
    .map((m) => {
      let level = lastX.findIndex((x) => m.x - x >= MIN_GAP);
      if (level === -1) level = lastX.length;
      lastX[level] = m.x;
      return { ...m, level };
    });
}

export function RuleTimeline({ rules }: { rules: SendRuleView[] }) {
  const maxOf = (kinds: RuleKind[]) =>
    Math.max(0, ...rules.filter((r) => kinds.includes(r.kind)).map((r) => r.days));
  const preDays = Math.max(10, maxOf(['before_due', 'after_issue']) + 2);
  const postDays = Math.max(15, maxOf(['after_due']) + 3);
  const xOf = (rule: SendRuleView) => {
    if (rule.kind === 'after_issue') return X_ISSUE + (rule.days / preDays) * (X_DUE - X_ISSUE);
    if (rule.kind === 'before_due') return X_DUE - (rule.days / preDays) * (X_DUE - X_ISSUE);
    if (rule.kind === 'on_due') return X_DUE;
    return X_DUE + (rule.days / postDays) * (X_END - X_DUE);
  };
  const above = stack(rules.filter((r) => r.kind !== 'after_issue').map((rule) => ({ rule, x: xOf(rule) })));
  const below = stack(rules.filter((r) => r.kind === 'after_issue').map((rule) => ({ rule, x: xOf(rule) })));
  const levelsAbove = Math.max(1, ...above.map((m) => m.level + 1));
  const levelsBelow = below.length ? Math.max(...below.map((m) => m.level + 1)) : 0;
  const axisY = 16 + levelsAbove * LEVEL + 8;
  const anchorsY = axisY + 26 + levelsBelow * LEVEL;
  const height = anchorsY + 26;
  const summary = rules.length
    ? rules
        .map(
          (r) =>
            `${ruleKindLabel(r.kind)}: ${ruleTiming(r)} (${offsetLabel(r)})${r.active ? '' : ', inativa'}`,
        )
        .join('; ')
    : 'nenhuma regra de envio';

  const markAt = (m: Mark, side: 'above' | 'below') => {
    const labelY = side === 'above' ? axisY - 16 - m.level * LEVEL : axisY + 26 + m.level * LEVEL;
    const color = KIND_COLOR[m.rule.kind];
    return (
      <g
        key={m.rule.id}
        data-rule-id={m.rule.id}
        data-active={m.rule.active}
        opacity={m.rule.active ? 1 : 0.35}
      >
        <title>{`${ruleKindLabel(m.rule.kind)} – ${ruleTiming(m.rule)}${m.rule.active ? '' : ' (inativa)'}`}</title>
        <line
          x1={m.x}
          x2={m.x}
          y1={axisY}
          y2={side === 'above' ? labelY + 4 : labelY - 13}
          stroke={color}
          strokeWidth={1.5}
          strokeDasharray={m.rule.active ? undefined : '3 3'}
        />
        <circle
          cx={m.x}
          cy={axisY}
          r={6}
          fill={m.rule.active ? color : 'white'}
          stroke={color}
          strokeWidth={2}
        />
        <text x={m.x} y={labelY} textAnchor="middle" fontSize={14} fontWeight={700} fill={color}>
          {offsetLabel(m.rule)}
        </text>
      </g>
    );
  };

  return (
    <div>
      <svg
        role="img"
        aria-label={`Régua de cobrança: ${summary}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: 980, display: 'block', margin: '0 auto', fontFamily: 'inherit' }}
      >
        <rect
          x={X_DUE}
          y={axisY - 12}
          width={X_END - X_DUE}
          height={24}
          rx={4}
          fill="var(--mantine-color-red-0)"
        />
        <line
          x1={X_ISSUE}
          x2={X_DUE}
          y1={axisY}
          y2={axisY}
          stroke="var(--mantine-color-gray-5)"
          strokeWidth={3}
        />
        <line
          x1={X_DUE}
          x2={X_END}
          y1={axisY}
          y2={axisY}
          stroke="var(--mantine-color-red-3)"
          strokeWidth={3}
        />
        {[
          { x: X_ISSUE, label: 'Emissão', anchor: 'middle' as const },
          { x: X_DUE, label: 'Vencimento', anchor: 'middle' as const },
        ].map((a) => (
          <g key={a.label}>
            <line x1={a.x} x2={a.x} y1={axisY - 10} y2={axisY + 8} stroke="var(--mantine-color-gray-6)" />
            <text x={a.x} y={anchorsY} textAnchor={a.anchor} fontSize={12} fill="var(--mantine-color-gray-7)">
              {a.label}
            </text>
          </g>
        ))}
        <text
          x={(X_DUE + X_END) / 2}
          y={anchorsY}
          textAnchor="middle"
          fontSize={12}
          fill="var(--mantine-color-red-8)"
        >
          Vencida →
        </text>
        {above.map((m) => markAt(m, 'above'))}
        {below.map((m) => markAt(m, 'below'))}
        {rules.length === 0 && (
          <text
            x={WIDTH / 2}
            y={axisY - 18}
            textAnchor="middle"
            fontSize={12}
            fill="var(--mantine-color-gray-6)"
          >
            nenhuma regra de envio ainda
          </text>
        )}
      </svg>
      <Group gap="md" mt={4}>
        {RULE_KINDS.map((kind) => (
          <Group key={kind} gap={6} wrap="nowrap">
            <ColorSwatch color={KIND_COLOR[kind]} size={12} withShadow={false} />
            <Text size="xs" c="dimmed">
              {ruleKindLabel(kind)}
            </Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          Acima da linha: dias em relação ao vencimento; abaixo: dias após a emissão. Regras inativas aparecem
          apagadas.
        </Text>
      </Group>
    </div>
  );
}
