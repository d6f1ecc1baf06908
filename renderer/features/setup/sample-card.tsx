// The shortcut around the guided setup: a fictitious provider with customers and invoices around today,
// sending in modo de teste, so the whole régua can be seen working right away.
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconDatabaseImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';

export function SampleDataCard({ hasInvoices }: { hasInvoices: boolean }) {
  const [busy, setBusy] = useState(false);
  const [, navigate] = useLocation();
  const load = async () => {
    setBusy(true);
    try {
      const { created } = await call('setup.loadSample', {});
      toastSaved(
        `Dados de exemplo carregados: ${created.customers ?? 0} clientes e ${created.invoices ?? 0} faturas, enviando em modo de teste`,
      );
      navigate('~/');
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-label="Dados de exemplo">
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <Stack gap={2} style={{ flex: '1 1 360px' }}>
          <Text fw={600}>Quer ver funcionando antes de cadastrar?</Text>
          <Text size="sm" c="dimmed">
            {hasInvoices
              ? 'Já existem faturas cadastradas: os dados de exemplo só podem ser carregados num cadastro vazio.'
              : 'Preenche tudo de uma vez com um provedor fictício: 25 clientes, 60 faturas, regras de envio e uma rotina diária às 08:10, em modo de teste (nada sai para ninguém).'}
          </Text>
        </Stack>
        <Button
          variant="light"
          leftSection={<IconDatabaseImport size={18} />}
          loading={busy}
          disabled={hasInvoices}
          onClick={() => void load()}
        >
          Carregar dados de exemplo
        </Button>
      </Group>
    </Card>
  );
}
