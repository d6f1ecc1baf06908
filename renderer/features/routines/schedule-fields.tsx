// Frequência and Horário of a routine: one schedule object, reshaped when the frequency changes (the
// schema is strict, so a daily schedule must not carry weekdays) while the days picked are remembered.
import { Chip, Fieldset, Group, Input, SegmentedControl, Stack } from '@mantine/core';
import { useRef } from 'react';
import type { z } from 'zod';
import type { scheduleSchema } from '../../../shared/domain';
import { TimeField } from '../../lib/time-field';
import { WEEKDAYS } from './describe';

export type ScheduleInput = z.input<typeof scheduleSchema>;
type Frequency = ScheduleInput['frequency'];

export interface ScheduleErrors {
  time?: string;
  weekdays?: string;
  monthDays?: string;
  frequency?: string;
}

const FREQUENCIES: { value: Frequency; label: string }[] = [
  { value: 'daily', label: 'Todos os dias' },
  { value: 'weekly', label: 'Dias da semana' },
  { value: 'monthly', label: 'Dias do mês' },
];
/** A fieldset legend that reads like the other fields' labels. */
const LEGEND = { legend: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500, marginBottom: 4 } };
/** Month-day chips of one width, like a calendar; the filled colour marks the chosen ones. */
const DAY_CHIP = { label: { width: 40, paddingInline: 0, justifyContent: 'center' } };
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

const sorted = (values: string[]) => values.map(Number).sort((a, b) => a - b);

/** What "dia 31" means in shorter months, said where the day is chosen. */
export function shortMonthsNote(monthDays: readonly number[]): string | null {
  const latest = Math.max(0, ...monthDays);
  return latest > 28 ? `Em meses sem dia ${latest}, a rotina roda no último dia do mês.` : null;
}

export function ScheduleFields(props: {
  value: ScheduleInput;
  onChange: (next: ScheduleInput) => void;
  errors: ScheduleErrors;
}) {
  const { value, onChange, errors } = props;
  const remembered = useRef({
    weekdays: value.frequency === 'weekly' ? value.weekdays : [1, 2, 3, 4, 5],
    monthDays: value.frequency === 'monthly' ? value.monthDays : [],
  });

  const setFrequency = (frequency: Frequency) => {
    if (value.frequency === 'weekly') remembered.current.weekdays = value.weekdays;
    if (value.frequency === 'monthly') remembered.current.monthDays = value.monthDays;
    const { time } = value;
    if (frequency === 'daily') onChange({ frequency, time });
    if (frequency === 'weekly') onChange({ frequency, time, weekdays: remembered.current.weekdays });
    if (frequency === 'monthly') onChange({ frequency, time, monthDays: remembered.current.monthDays });
  };

  return (
    <Stack gap="sm">
      <Input.Wrapper label="Frequência" labelElement="div" id="routine-frequency" error={errors.frequency}>
        <SegmentedControl
          aria-labelledby="routine-frequency-label"
          fullWidth
          data={FREQUENCIES}
          value={value.frequency}
          onChange={(v) => setFrequency(v as Frequency)}
        />
      </Input.Wrapper>

      {value.frequency === 'weekly' && (
        <Fieldset legend="Dias da semana" variant="unstyled" styles={LEGEND}>
          <Chip.Group
            multiple
            value={value.weekdays.map(String)}
            onChange={(v) => onChange({ ...value, weekdays: sorted(v) })}
          >
            <Group gap="xs">
              {WEEKDAYS.map((d) => (
                <Chip key={d.value} value={String(d.value)} size="sm">
                  {d.short}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.weekdays && <Input.Error mt={4}>{errors.weekdays}</Input.Error>}
        </Fieldset>
      )}

      {value.frequency === 'monthly' && (
        <Fieldset legend="Dias do mês" variant="unstyled" styles={LEGEND}>
          <Chip.Group
            multiple
            value={value.monthDays.map(String)}
            onChange={(v) => onChange({ ...value, monthDays: sorted(v) })}
          >
            <Group gap={6}>
              {MONTH_DAYS.map((d) => (
                <Chip
                  key={d}
                  value={String(d)}
                  size="sm"
                  icon={null}
                  styles={DAY_CHIP}
                  aria-label={`Dia ${d}`}
                >
                  {d}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {shortMonthsNote(value.monthDays) && (
            <Input.Description mt={6}>{shortMonthsNote(value.monthDays)}</Input.Description>
          )}
          {errors.monthDays && <Input.Error mt={4}>{errors.monthDays}</Input.Error>}
        </Fieldset>
      )}

      <TimeField
        label="Horário"
        w={200}
        value={value.time}
        onChange={(time) => onChange({ ...value, time })}
        error={errors.time}
      />
    </Stack>
  );
}
