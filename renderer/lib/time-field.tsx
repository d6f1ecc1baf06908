// A time of day as people in Brazil write it, 24 hours with seconds (08:10:00), whatever the browser's
// or the system's locale: the browser's own <input type="time"> shows "08:10:00 AM" on an English system.
import { TimePicker } from '@mantine/dates';
import type { FocusEvent, ReactNode } from 'react';

export function TimeField(props: {
  label: string;
  description?: ReactNode;
  /** HH:MM:SS, or '' while incomplete. */
  value: string;
  onChange: (value: string) => void;
  onBlur?: (event: FocusEvent<HTMLDivElement>) => void;
  error?: ReactNode;
  w?: number;
}) {
  return (
    <TimePicker
      label={props.label}
      description={props.description}
      format="24h"
      withSeconds
      hoursInputLabel={`${props.label}: horas`}
      minutesInputLabel={`${props.label}: minutos`}
      secondsInputLabel={`${props.label}: segundos`}
      hoursPlaceholder="hh"
      minutesPlaceholder="mm"
      secondsPlaceholder="ss"
      w={props.w}
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      error={props.error}
    />
  );
}
