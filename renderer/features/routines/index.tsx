// PLACEHOLDER: replaced by the routines screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>routines</Title>;
}
