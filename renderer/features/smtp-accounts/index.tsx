// PLACEHOLDER: replaced by the smtp-accounts screen.
import { Title } from '@mantine/core';

export default function Page() {
  return <Title order={2}>smtp-accounts</Title>;
}
